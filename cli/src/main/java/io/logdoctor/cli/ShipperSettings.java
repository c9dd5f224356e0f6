package io.logdoctor.cli;

import io.logdoctor.shipper.cloudwatch.CloudWatchConfig;
import io.logdoctor.shipper.lambda.LambdaConfig;
import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.records.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The settings of {@code logdoctor shipper} (docs/shipper.md; the Lambda receiver's bounds in docs/http.md). */
final class ShipperSettings {

    static final String DOCS = "docs/shipper.md";

    static final Setting<Path> PODS_ROOT = Setting.of("pods-root", Kind.PATH, "/var/log/pods", "the kubelet's pod-log tree", DOCS);
    static final Setting<String> CONTAINERS_ROOT = Setting.of("containers-root", Kind.STRING, "/var/log/containers",
            "the kubelet's symlink directory; - for none", DOCS);
    static final Setting<Path> STATE_DIR = Setting.of("state-dir", Kind.PATH, null, "where checkpoints.json (at-least-once) and the rescue directory live", DOCS)
            .defaultDescribedAs("`~/.logdoctor/shipper`");
    static final Setting<String> CLUSTER = Setting.of("cluster", Kind.STRING, ShipperConfig.DEFAULT_CLUSTER,
            "cluster name on every record and in the transactional id", DOCS);
    static final Setting<String> NODE = Setting.of("node", Kind.STRING, null, "node name on every record", DOCS)
            .defaultDescribedAs("`NODE_NAME`, else `HOSTNAME`, else the host name");
    static final Setting<String> DELIVERY = Setting.of("delivery", Kind.oneOf("exactly-once", "at-least-once"), "exactly-once",
            "exactly-once (transactions + offsets topic) or at-least-once (checkpoint file)", DOCS);
    static final Setting<List<String>> INCLUDE = Setting.of("include", Kind.LIST, null, "ns[/pod[/container]] globs to ship", DOCS)
            .defaultDescribedAs("(everything)");
    static final Setting<List<String>> EXCLUDE = Setting.of("exclude", Kind.LIST, null, "globs never shipped", DOCS)
            .defaultDescribedAs("(none)");
    static final Setting<Integer> METRICS_PORT = Setting.of("metrics-port", Kind.PORT, String.valueOf(ShipperConfig.DEFAULT_METRICS_PORT),
            "port of /healthz and /metrics; -1 for none", DOCS);
    static final Setting<Integer> LAMBDA_PORT = Setting.of("lambda-port", Kind.PORT, "-1", "port of the Lambda receiver; -1 for none", DOCS);
    static final Setting<String> FIREHOSE_ACCESS_KEY = Setting.of("firehose-access-key", Kind.STRING, null,
            "the access key Firehose sends (no flag: never in ps)", DOCS).defaultDescribedAs("none");
    static final Setting<Long> POLL_INTERVAL_MS = Setting.of("poll-interval-ms", Kind.LONG,
            String.valueOf(ShipperConfig.DEFAULT_POLL_INTERVAL.toMillis()), "wait of an idle round, in ms", DOCS);
    static final Setting<Long> SCAN_INTERVAL_MS = Setting.of("scan-interval-ms", Kind.LONG,
            String.valueOf(ShipperConfig.DEFAULT_SCAN_INTERVAL.toMillis()), "full directory scan, in ms", DOCS);
    static final Setting<Integer> MAX_LINE_BYTES = Setting.of("max-line-bytes", Kind.INT, String.valueOf(ShipperConfig.DEFAULT_MAX_LINE_BYTES),
            "longer lines are cut", DOCS);
    static final Setting<String> MULTILINE = Setting.of("multiline", Kind.STRING, ShipperConfig.DEFAULT_MULTILINE,
            "regex of a continuation line; none turns joining off", DOCS);
    static final Setting<Long> MULTILINE_FLUSH_MS = Setting.of("multiline-flush-ms", Kind.LONG,
            String.valueOf(ShipperConfig.DEFAULT_MULTILINE_FLUSH.toMillis()), "how long an event waits for a continuation line, in ms", DOCS);
    static final Setting<Long> BUFFER_BYTES = Setting.of("buffer-bytes", Kind.LONG, String.valueOf(ShipperConfig.DEFAULT_BUFFER_BYTES),
            "producer buffer.memory", DOCS);
    static final Setting<Boolean> CLOUDWATCH = Setting.of("cloudwatch", Kind.BOOLEAN, "false", "also tail CloudWatch Logs log groups", DOCS);
    static final Setting<List<String>> CLOUDWATCH_LOG_GROUPS = Setting.of("cloudwatch-log-groups", Kind.LIST, null,
            "log group names to tail; implies cloudwatch", DOCS).defaultDescribedAs("(none)");
    static final Setting<String> CLOUDWATCH_PREFIX = Setting.of("cloudwatch-prefix", Kind.STRING, null,
            "tail every log group whose name starts with it; implies cloudwatch", DOCS)
            .defaultDescribedAs("`" + CloudWatchConfig.DEFAULT_PREFIX + "` (none if log groups are named)");
    static final Setting<String> CLOUDWATCH_REGION = Setting.of("cloudwatch-region", Kind.STRING, null, "the AWS region", DOCS)
            .defaultDescribedAs("`AWS_REGION`, else the profile's");
    static final Setting<Duration> CLOUDWATCH_INTERVAL = Setting.of("cloudwatch-interval", Kind.DURATION,
            Durations.format(CloudWatchConfig.DEFAULT_INTERVAL), "wait between two polls of a log group read to its end", DOCS);
    static final Setting<Duration> CLOUDWATCH_START = Setting.of("cloudwatch-start", Kind.LOOKBACK, "now",
            "where a log group without a checkpoint starts", DOCS);
    static final Setting<String> CLOUDWATCH_ENDPOINT = Setting.of("cloudwatch-endpoint", Kind.STRING, null, "endpoint override", DOCS)
            .defaultDescribedAs("the region's");
    static final Setting<Duration> CLOUDWATCH_LATENCY = Setting.of("cloudwatch-latency", Kind.DURATION,
            Durations.format(CloudWatchConfig.DEFAULT_LATENCY), "events younger than this wait for the next poll", DOCS);
    static final Setting<Duration> CLOUDWATCH_DISCOVERY_INTERVAL = Setting.of("cloudwatch-discovery-interval", Kind.DURATION,
            Durations.format(CloudWatchConfig.DEFAULT_DISCOVERY_INTERVAL), "how often the log groups are listed again", DOCS);
    static final Setting<Integer> LAMBDA_MAX_BODY_BYTES = Setting.of("lambda-max-body-bytes", Kind.INT,
            String.valueOf(LambdaConfig.DEFAULT_MAX_BODY_BYTES), "a request body, on the wire and inflated", HttpFlags.DOCS);
    static final Setting<Long> LAMBDA_MAX_INFLATED_BYTES = Setting.of("lambda-max-inflated-bytes", Kind.LONG,
            String.valueOf(LambdaConfig.DEFAULT_MAX_INFLATED_BYTES), "the JSON one request inflates to", HttpFlags.DOCS);
    static final Setting<Long> LAMBDA_INFLIGHT_BYTES = Setting.of("lambda-inflight-bytes", Kind.LONG,
            String.valueOf(LambdaConfig.DEFAULT_INFLIGHT_BYTES), "the heap all requests in flight may hold together", HttpFlags.DOCS);

    static final List<Setting<?>> ALL = List.of(PODS_ROOT, CONTAINERS_ROOT, STATE_DIR, CLUSTER, NODE, DELIVERY, INCLUDE, EXCLUDE,
            METRICS_PORT, LAMBDA_PORT, FIREHOSE_ACCESS_KEY, POLL_INTERVAL_MS, SCAN_INTERVAL_MS, MAX_LINE_BYTES, MULTILINE,
            MULTILINE_FLUSH_MS, BUFFER_BYTES, CLOUDWATCH, CLOUDWATCH_LOG_GROUPS, CLOUDWATCH_PREFIX, CLOUDWATCH_REGION,
            CLOUDWATCH_INTERVAL, CLOUDWATCH_START, CLOUDWATCH_ENDPOINT, CLOUDWATCH_LATENCY, CLOUDWATCH_DISCOVERY_INTERVAL,
            LAMBDA_MAX_BODY_BYTES, LAMBDA_MAX_INFLATED_BYTES, LAMBDA_INFLIGHT_BYTES);

    private ShipperSettings() {
    }
}
