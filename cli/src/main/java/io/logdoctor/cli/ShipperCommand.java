package io.logdoctor.cli;

import io.logdoctor.records.HttpOptions;
import io.logdoctor.shipper.CloudWatchConfig;
import io.logdoctor.shipper.LambdaConfig;
import io.logdoctor.shipper.LambdaReceiver;
import io.logdoctor.shipper.LogShipper;
import io.logdoctor.shipper.ShipperConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code logdoctor shipper}: ships a node's pod logs into logs.raw. Every setting also comes from
 * {@code LOGDOCTOR_*} and the config file; the table is docs/shipper.md.
 */
@Command(name = "shipper", mixinStandardHelpOptions = true,
        description = "Ship the pod logs of this node (kubelet layout, CRI or docker json-file) into logs.raw, exactly once. "
                + "Settings also come from LOGDOCTOR_* environment variables and the --config file (docs/shipper.md).")
final class ShipperCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HttpFlags http;

    @Mixin
    JournalFlags journal;

    @Option(names = "--pods-root", paramLabel = "DIR", description = "Root of the pod-log tree (default: /var/log/pods).")
    String podsRoot;

    @Option(names = "--containers-root", paramLabel = "DIR",
            description = "The kubelet's symlink directory; '-' for none (default: /var/log/containers).")
    String containersRoot;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the at-least-once checkpoint file is kept (default: ~/.logdoctor/shipper).")
    String stateDir;

    @Option(names = "--cluster", description = "Cluster name put on every record (default: local).")
    String cluster;

    @Option(names = "--node", description = "Node name put on every record (default: NODE_NAME, else the host name).")
    String node;

    @Option(names = "--delivery", paramLabel = "MODE",
            description = "exactly-once (transactions + offsets topic) or at-least-once (checkpoint file) (default: exactly-once).")
    String delivery;

    @Option(names = "--include", paramLabel = "GLOBS",
            description = "Comma-separated ns[/pod[/container]] globs to ship (default: everything).")
    String include;

    @Option(names = "--exclude", paramLabel = "GLOBS", description = "Comma-separated globs never to ship (default: none).")
    String exclude;

    @Option(names = "--metrics-port", paramLabel = "N", description = "Port of /healthz and /metrics (default: 8082; -1 for none).")
    String metricsPort;

    @Option(names = "--lambda-port", paramLabel = "N", description = "Port of the Lambda receiver: POST /firehose (Firehose HTTP "
            + "endpoint delivery of CloudWatch Logs) and POST /telemetry (Telemetry API batches) (default: -1, none). The Firehose "
            + "access key comes from LOGDOCTOR_FIREHOSE_ACCESS_KEY or firehose-access-key= in the --config file, never a flag; "
            + "LOGDOCTOR_HTTP_TOKEN (or http-token=) makes /telemetry ask for it as a bearer token.")
    String lambdaPort;

    @Option(names = "--cloudwatch", description = "Also tail CloudWatch Logs log groups with FilterLogEvents (docs/cloudwatch.md); "
            + "run it on one shipper only, not on every node of a DaemonSet (default: off).")
    boolean cloudWatch;

    @Option(names = "--cloudwatch-log-groups", paramLabel = "NAMES", description = "Comma-separated log group names to tail "
            + "(implies --cloudwatch; with them no prefix is tailed unless --cloudwatch-prefix is given).")
    String cloudWatchGroups;

    @Option(names = "--cloudwatch-prefix", paramLabel = "PREFIX",
            description = "Tail every log group whose name starts with this (implies --cloudwatch; default: /aws/lambda/).")
    String cloudWatchPrefix;

    @Option(names = "--cloudwatch-region", paramLabel = "REGION", description = "AWS region (default: AWS_REGION or the profile's).")
    String cloudWatchRegion;

    @Option(names = "--cloudwatch-interval", paramLabel = "DURATION",
            description = "Wait between two polls of a log group read to its end, e.g. 30s (default: 30s).")
    String cloudWatchInterval;

    @Option(names = "--cloudwatch-start", paramLabel = "now|DURATION",
            description = "Where a log group without a checkpoint starts: now, or a lookback such as 15m or 2h (default: now).")
    String cloudWatchStart;

    @Option(names = "--cloudwatch-endpoint", paramLabel = "URL",
            description = "Endpoint override: a VPC endpoint or a test server (default: the region's).")
    String cloudWatchEndpoint;

    @Override
    public Integer call() throws Exception {
        Settings settings = kafka.settings();
        String containers = settings.get("containers-root", containersRoot, "/var/log/containers");
        ShipperConfig defaults = ShipperConfig.defaults(
                kafka.bootstrapServers(settings),
                Path.of(settings.get("pods-root", podsRoot, "/var/log/pods")),
                Path.of(settings.get("state-dir", stateDir, System.getProperty("user.home") + "/.logdoctor/shipper")));
        ShipperConfig config = defaults
                .withContainersRoot(containers.equals("-") ? null : Path.of(containers))
                .withCluster(settings.get("cluster", cluster, ShipperConfig.DEFAULT_CLUSTER))
                .withNode(settings.get("node", node, defaults.node()))
                .withDelivery(ShipperConfig.Delivery.parse(settings.get("delivery", delivery, "exactly-once")))
                .withSelectors(globs(settings.get("include", include, "")), globs(settings.get("exclude", exclude, "")))
                .withPollInterval(Duration.ofMillis(Long.parseLong(settings.get("poll-interval-ms", null, "250"))))
                .withScanInterval(Duration.ofMillis(Long.parseLong(settings.get("scan-interval-ms", null, "5000"))))
                .withMaxLineBytes(Integer.parseInt(settings.get("max-line-bytes", null, String.valueOf(ShipperConfig.DEFAULT_MAX_LINE_BYTES))))
                .withMultiline(settings.get("multiline", null, ShipperConfig.DEFAULT_MULTILINE).equals("none") ? ""
                                : settings.get("multiline", null, ShipperConfig.DEFAULT_MULTILINE),
                        Duration.ofMillis(Long.parseLong(settings.get("multiline-flush-ms", null, "1000"))))
                .withBufferBytes(Long.parseLong(settings.get("buffer-bytes", null, String.valueOf(ShipperConfig.DEFAULT_BUFFER_BYTES))))
                .withMetricsPort(Integer.parseInt(settings.get("metrics-port", metricsPort, String.valueOf(ShipperConfig.DEFAULT_METRICS_PORT))))
                .withLambdaPort(Integer.parseInt(settings.get("lambda-port", lambdaPort, "-1")))
                .withKafkaProperties(settings.kafkaProperties())
                .withCloudWatch(cloudWatch(settings))
                .withJournal(journal.config(settings));
        // Idempotent; also waits until the partitions accept writes (KAFKA-15591). On its own thread: the
        // producer starts meanwhile, and a restart's exposure is the sum of such steps (issue 11 point 6).
        CompletableFuture<Void> topics = CompletableFuture.runAsync(() -> {
            long started = System.nanoTime();
            try {
                Services.createTopics(config.bootstrapServers(), settings.kafkaProperties(), 3, (short) -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking the topics", e);
            }
            System.err.println("logdoctor shipper: topics checked in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }, runnable -> new Thread(runnable, "logdoctor-topics").start());
        HttpOptions httpOptions = http.options(settings);
        LogShipper shipper = LogShipper.start(config, httpOptions, topics);
        LambdaReceiver lambda = config.lambdaPort() < 0 ? null : LambdaReceiver.start(new LambdaConfig(config.bootstrapServers(),
                config.lambdaPort(), settings.get("firehose-access-key", null, null),
                Integer.parseInt(settings.get("lambda-max-body-bytes", null, String.valueOf(LambdaConfig.DEFAULT_MAX_BODY_BYTES))),
                settings.kafkaProperties(), config.cluster(), httpOptions,
                Long.parseLong(settings.get("lambda-max-inflated-bytes", null, String.valueOf(LambdaConfig.DEFAULT_MAX_INFLATED_BYTES))),
                Long.parseLong(settings.get("lambda-inflight-bytes", null, String.valueOf(LambdaConfig.DEFAULT_INFLIGHT_BYTES)))));
        if (lambda != null) {
            lambda.bindMetrics(shipper.metrics());
        }
        System.err.println("logdoctor shipper: " + config.delivery() + " from " + config.podsRoot()
                + (config.cloudWatch() == null ? "" : " and CloudWatch log groups " + describe(config.cloudWatch())) + " into "
                + config.bootstrapServers() + (shipper.metricsPort() > 0 ? "; /metrics on :" + shipper.metricsPort() : "")
                + (lambda != null ? "; Lambda receiver on :" + lambda.port() : "")
                + "; Ctrl-C stops it");
        // A shipper that stops on its own (fenced by a newer instance, not authorized) ends the process
        // with an error, so Kubernetes restarts it.
        shipper.whenStopped().whenComplete((ok, failure) -> {
            if (failure != null) {
                System.err.println("logdoctor shipper stopped: " + failure.getMessage());
                Runtime.getRuntime().halt(1);
            }
        });
        Services.runUntilStopped(() -> {
            if (lambda != null) {
                lambda.close();
            }
            shipper.close();
        });
        return 0;
    }

    /** The CloudWatch source's settings, or null when it is off. */
    private CloudWatchConfig cloudWatch(Settings settings) {
        String groups = settings.get("cloudwatch-log-groups", cloudWatchGroups, "");
        String prefix = settings.get("cloudwatch-prefix", cloudWatchPrefix, null);
        boolean on = cloudWatch || Boolean.parseBoolean(settings.get("cloudwatch", null, "false"))
                || !groups.isBlank() || prefix != null;
        if (!on) {
            return null;
        }
        List<String> names = globs(groups);
        String endpoint = settings.get("cloudwatch-endpoint", cloudWatchEndpoint, null);
        return CloudWatchConfig.of(names, prefix != null ? prefix : names.isEmpty() ? CloudWatchConfig.DEFAULT_PREFIX : "",
                        settings.get("cloudwatch-region", cloudWatchRegion, null), endpoint == null ? null : URI.create(endpoint))
                .withInterval(CloudWatchConfig.parseDuration(settings.get("cloudwatch-interval", cloudWatchInterval, "30s"), "cloudwatch-interval"))
                .withLookback(CloudWatchConfig.parseStart(settings.get("cloudwatch-start", cloudWatchStart, "now")))
                .withLatency(CloudWatchConfig.parseDuration(settings.get("cloudwatch-latency", null, "5s"), "cloudwatch-latency"))
                .withDiscoveryInterval(CloudWatchConfig.parseDuration(settings.get("cloudwatch-discovery-interval", null, "5m"),
                        "cloudwatch-discovery-interval"));
    }

    private static String describe(CloudWatchConfig cw) {
        return (cw.prefix().isEmpty() ? "" : cw.prefix() + "*") + (cw.logGroups().isEmpty() ? "" : (cw.prefix().isEmpty() ? "" : " and ")
                + String.join(",", cw.logGroups())) + " every " + cw.interval().toSeconds() + " s";
    }

    private static List<String> globs(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
