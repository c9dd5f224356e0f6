package io.logdoctor.cli;

import io.logdoctor.shipper.CloudWatchConfig;
import io.logdoctor.shipper.LambdaConfig;
import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.records.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The settings of {@code logdoctor shipper} (docs/shipper.md; the Lambda receiver's bounds in docs/http.md). */
final class ShipperSettings {

    static final String DOCS = "docs/shipper.md";

    static final Setting<Path> PODS_ROOT = Setting.path("pods-root", "/var/log/pods", "the kubelet's pod-log tree", DOCS);
    static final Setting<String> CONTAINERS_ROOT = Setting.string("containers-root", "/var/log/containers",
            "the kubelet's symlink directory; - for none", DOCS);
    static final Setting<Path> STATE_DIR = Setting.path("state-dir", null, "where checkpoints.json lives (at-least-once)", DOCS)
            .defaultDescribedAs("`~/.logdoctor/shipper`");
    static final Setting<String> CLUSTER = Setting.string("cluster", ShipperConfig.DEFAULT_CLUSTER,
            "cluster name on every record and in the transactional id", DOCS);
    static final Setting<String> NODE = Setting.string("node", null, "node name on every record", DOCS)
            .defaultDescribedAs("`NODE_NAME`, else `HOSTNAME`, else the host name");
    static final Setting<String> DELIVERY = Setting.of("delivery", Kind.oneOf("exactly-once", "at-least-once"), "exactly-once",
            "exactly-once (transactions + offsets topic) or at-least-once (checkpoint file)", DOCS);
    static final Setting<List<String>> INCLUDE = Setting.list("include", null, "ns[/pod[/container]] globs to ship", DOCS)
            .defaultDescribedAs("(everything)");
    static final Setting<List<String>> EXCLUDE = Setting.list("exclude", null, "globs never shipped", DOCS)
            .defaultDescribedAs("(none)");
    static final Setting<Integer> METRICS_PORT = Setting.port("metrics-port", String.valueOf(ShipperConfig.DEFAULT_METRICS_PORT),
            "port of /healthz and /metrics; -1 for none", DOCS);
    static final Setting<Integer> LAMBDA_PORT = Setting.port("lambda-port", "-1", "port of the Lambda receiver; -1 for none", DOCS);
    static final Setting<String> FIREHOSE_ACCESS_KEY = Setting.string("firehose-access-key", null,
            "the access key Firehose sends (no flag: never in ps)", DOCS).defaultDescribedAs("none");
    static final Setting<Long> POLL_INTERVAL_MS = Setting.longValue("poll-interval-ms",
            String.valueOf(ShipperConfig.DEFAULT_POLL_INTERVAL.toMillis()), "wait of an idle round, in ms", DOCS);
    static final Setting<Long> SCAN_INTERVAL_MS = Setting.longValue("scan-interval-ms",
            String.valueOf(ShipperConfig.DEFAULT_SCAN_INTERVAL.toMillis()), "full directory scan, in ms", DOCS);
    static final Setting<Integer> MAX_LINE_BYTES = Setting.integer("max-line-bytes", String.valueOf(ShipperConfig.DEFAULT_MAX_LINE_BYTES),
            "longer lines are cut", DOCS);
    static final Setting<String> MULTILINE = Setting.string("multiline", ShipperConfig.DEFAULT_MULTILINE,
            "regex of a continuation line; none turns joining off", DOCS);
    static final Setting<Long> MULTILINE_FLUSH_MS = Setting.longValue("multiline-flush-ms",
            String.valueOf(ShipperConfig.DEFAULT_MULTILINE_FLUSH.toMillis()), "how long an event waits for a continuation line, in ms", DOCS);
    static final Setting<Long> BUFFER_BYTES = Setting.longValue("buffer-bytes", String.valueOf(ShipperConfig.DEFAULT_BUFFER_BYTES),
            "producer buffer.memory", DOCS);
    static final Setting<Boolean> CLOUDWATCH = Setting.bool("cloudwatch", "false", "also tail CloudWatch Logs log groups", DOCS);
    static final Setting<List<String>> CLOUDWATCH_LOG_GROUPS = Setting.list("cloudwatch-log-groups", null,
            "log group names to tail; implies cloudwatch", DOCS).defaultDescribedAs("(none)");
    static final Setting<String> CLOUDWATCH_PREFIX = Setting.string("cloudwatch-prefix", null,
            "tail every log group whose name starts with it; implies cloudwatch", DOCS)
            .defaultDescribedAs("`" + CloudWatchConfig.DEFAULT_PREFIX + "` (none if log groups are named)");
    static final Setting<String> CLOUDWATCH_REGION = Setting.string("cloudwatch-region", null, "the AWS region", DOCS)
            .defaultDescribedAs("`AWS_REGION`, else the profile's");
    static final Setting<Duration> CLOUDWATCH_INTERVAL = Setting.duration("cloudwatch-interval",
            Durations.format(CloudWatchConfig.DEFAULT_INTERVAL), "wait between two polls of a log group read to its end", DOCS);
    static final Setting<Duration> CLOUDWATCH_START = Setting.of("cloudwatch-start", Kind.LOOKBACK, "now",
            "where a log group without a checkpoint starts", DOCS);
    static final Setting<String> CLOUDWATCH_ENDPOINT = Setting.string("cloudwatch-endpoint", null, "endpoint override", DOCS)
            .defaultDescribedAs("the region's");
    static final Setting<Duration> CLOUDWATCH_LATENCY = Setting.duration("cloudwatch-latency",
            Durations.format(CloudWatchConfig.DEFAULT_LATENCY), "events younger than this wait for the next poll", DOCS);
    static final Setting<Duration> CLOUDWATCH_DISCOVERY_INTERVAL = Setting.duration("cloudwatch-discovery-interval",
            Durations.format(CloudWatchConfig.DEFAULT_DISCOVERY_INTERVAL), "how often the log groups are listed again", DOCS);
    static final Setting<Integer> LAMBDA_MAX_BODY_BYTES = Setting.integer("lambda-max-body-bytes",
            String.valueOf(LambdaConfig.DEFAULT_MAX_BODY_BYTES), "a request body, on the wire and inflated", HttpFlags.DOCS);
    static final Setting<Long> LAMBDA_MAX_INFLATED_BYTES = Setting.longValue("lambda-max-inflated-bytes",
            String.valueOf(LambdaConfig.DEFAULT_MAX_INFLATED_BYTES), "the JSON one request inflates to", HttpFlags.DOCS);
    static final Setting<Long> LAMBDA_INFLIGHT_BYTES = Setting.longValue("lambda-inflight-bytes",
            String.valueOf(LambdaConfig.DEFAULT_INFLIGHT_BYTES), "the heap all requests in flight may hold together", HttpFlags.DOCS);

    static final List<Setting<?>> ALL = List.of(PODS_ROOT, CONTAINERS_ROOT, STATE_DIR, CLUSTER, NODE, DELIVERY, INCLUDE, EXCLUDE,
            METRICS_PORT, LAMBDA_PORT, FIREHOSE_ACCESS_KEY, POLL_INTERVAL_MS, SCAN_INTERVAL_MS, MAX_LINE_BYTES, MULTILINE,
            MULTILINE_FLUSH_MS, BUFFER_BYTES, CLOUDWATCH, CLOUDWATCH_LOG_GROUPS, CLOUDWATCH_PREFIX, CLOUDWATCH_REGION,
            CLOUDWATCH_INTERVAL, CLOUDWATCH_START, CLOUDWATCH_ENDPOINT, CLOUDWATCH_LATENCY, CLOUDWATCH_DISCOVERY_INTERVAL,
            LAMBDA_MAX_BODY_BYTES, LAMBDA_MAX_INFLATED_BYTES, LAMBDA_INFLIGHT_BYTES);

    private ShipperSettings() {
    }
}
