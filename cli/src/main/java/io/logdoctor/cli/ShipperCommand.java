package io.logdoctor.cli;

import io.logdoctor.records.HttpOptions;
import io.logdoctor.shipper.cloudwatch.CloudWatchConfig;
import io.logdoctor.shipper.lambda.LambdaConfig;
import io.logdoctor.shipper.LogShipper;
import io.logdoctor.shipper.ShipperConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
            description = "Where the at-least-once checkpoint file and the rescue directory (copies made while Kafka"
                    + " is away) are kept (default: ~/.logdoctor/shipper).")
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
        Settings settings = kafka.settings(ServiceSettings.SHIPPER);
        ShipperConfig defaults = files(settings, kafka.bootstrapServers(settings),
                new FileFlags(podsRoot, containersRoot, stateDir, include, exclude));
        String nodeName = settings.get(ShipperSettings.NODE, node);
        String multiline = settings.get(ShipperSettings.MULTILINE, null);
        ShipperConfig config = defaults
                .withCluster(settings.get(ShipperSettings.CLUSTER, cluster))
                .withNode(nodeName != null ? nodeName : defaults.node())
                .withDelivery(ShipperConfig.Delivery.parse(settings.get(ShipperSettings.DELIVERY, delivery)))
                .withPollInterval(Duration.ofMillis(settings.get(ShipperSettings.POLL_INTERVAL_MS, null)))
                .withScanInterval(Duration.ofMillis(settings.get(ShipperSettings.SCAN_INTERVAL_MS, null)))
                .withMaxLineBytes(settings.get(ShipperSettings.MAX_LINE_BYTES, null))
                .withMultiline(multiline.equals("none") ? "" : multiline,
                        Duration.ofMillis(settings.get(ShipperSettings.MULTILINE_FLUSH_MS, null)))
                .withBufferBytes(settings.get(ShipperSettings.BUFFER_BYTES, null))
                .withMetricsPort(settings.get(ShipperSettings.METRICS_PORT, metricsPort))
                .withKafkaProperties(settings.kafkaProperties())
                .withCloudWatch(cloudWatch(settings))
                .withJournal(journal.config(settings));
        HttpOptions httpOptions = http.options(settings);
        int port = settings.get(ShipperSettings.LAMBDA_PORT, lambdaPort);
        if (port >= 0) {
            config = config.withLambda(new LambdaConfig(config.bootstrapServers(), port,
                    settings.get(ShipperSettings.FIREHOSE_ACCESS_KEY, null), settings.get(ShipperSettings.LAMBDA_MAX_BODY_BYTES, null),
                    settings.kafkaProperties(), config.cluster(), httpOptions, settings.get(ShipperSettings.LAMBDA_MAX_INFLATED_BYTES, null),
                    settings.get(ShipperSettings.LAMBDA_INFLIGHT_BYTES, null)));
        }
        CompletableFuture<Void> topics = Services.checkTopics("shipper", config.bootstrapServers(), KafkaOptions.topics(settings));
        LogShipper shipper = LogShipper.start(config, httpOptions, topics, EarlyShipperStart.take());
        ClassDataMark.whenShippedAfterRestore(shipper.whenShippedAfterRestore());
        System.err.println("logdoctor shipper: " + config.delivery() + " from " + config.podsRoot()
                + (config.cloudWatch() == null ? "" : " and CloudWatch log groups " + describe(config.cloudWatch())) + " into "
                + config.bootstrapServers() + (shipper.metricsPort() > 0 ? "; /metrics on :" + shipper.metricsPort() : "")
                + (shipper.lambdaPort() >= 0 ? "; Lambda receiver on :" + shipper.lambdaPort() : "")
                + "; Ctrl-C stops it");
        // A shipper that stops on its own (fenced by a newer instance, not authorized) ends the process
        // with an error, so Kubernetes restarts it.
        shipper.whenStopped().whenComplete((ok, failure) -> {
            if (failure != null) {
                System.err.println("logdoctor shipper stopped: " + failure.getMessage());
                Runtime.getRuntime().halt(1);
            }
        });
        Services.runUntilStopped(shipper::close);
        return 0;
    }

    /** The flags that name the files a shipper ships and its state directory, as given (null: not given). */
    record FileFlags(String podsRoot, String containersRoot, String stateDir, String include, String exclude) {
    }

    /**
     * The files {@code flags}, the environment and the config file name, and the state directory, on the defaults:
     * all a start's rescue needs ({@link EarlyShipperStart} reads them before the rest).
     */
    static ShipperConfig files(Settings settings, String bootstrapServers, FileFlags flags) {
        String containers = settings.get(ShipperSettings.CONTAINERS_ROOT, flags.containersRoot());
        Path state = settings.get(ShipperSettings.STATE_DIR, flags.stateDir());
        List<String> includes = settings.get(ShipperSettings.INCLUDE, flags.include());
        List<String> excludes = settings.get(ShipperSettings.EXCLUDE, flags.exclude());
        return ShipperConfig.defaults(bootstrapServers, settings.get(ShipperSettings.PODS_ROOT, flags.podsRoot()),
                        state != null ? state : Path.of(System.getProperty("user.home"), ".logdoctor", "shipper"))
                .withContainersRoot(containers.equals("-") ? null : Path.of(containers))
                .withSelectors(includes != null ? includes : List.of(), excludes != null ? excludes : List.of());
    }

    /** The CloudWatch source's settings, or null when it is off. Every value is read, so a bad one fails even when off. */
    private CloudWatchConfig cloudWatch(Settings settings) {
        List<String> groups = settings.get(ShipperSettings.CLOUDWATCH_LOG_GROUPS, cloudWatchGroups);
        String prefix = settings.get(ShipperSettings.CLOUDWATCH_PREFIX, cloudWatchPrefix);
        String region = settings.get(ShipperSettings.CLOUDWATCH_REGION, cloudWatchRegion);
        String endpoint = settings.get(ShipperSettings.CLOUDWATCH_ENDPOINT, cloudWatchEndpoint);
        Duration interval = settings.get(ShipperSettings.CLOUDWATCH_INTERVAL, cloudWatchInterval);
        Duration lookback = settings.get(ShipperSettings.CLOUDWATCH_START, cloudWatchStart);
        Duration latency = settings.get(ShipperSettings.CLOUDWATCH_LATENCY, null);
        Duration discovery = settings.get(ShipperSettings.CLOUDWATCH_DISCOVERY_INTERVAL, null);
        List<String> names = groups != null ? groups : List.of();
        if (!settings.isOn(ShipperSettings.CLOUDWATCH, cloudWatch) && names.isEmpty() && prefix == null) {
            return null;
        }
        return CloudWatchConfig.of(names, prefix != null ? prefix : names.isEmpty() ? CloudWatchConfig.DEFAULT_PREFIX : "",
                        region, endpoint == null ? null : URI.create(endpoint))
                .withInterval(interval)
                .withLookback(lookback)
                .withLatency(latency)
                .withDiscoveryInterval(discovery);
    }

    private static String describe(CloudWatchConfig cw) {
        return (cw.prefix().isEmpty() ? "" : cw.prefix() + "*") + (cw.logGroups().isEmpty() ? "" : (cw.prefix().isEmpty() ? "" : " and ")
                + String.join(",", cw.logGroups())) + " every " + cw.interval().toSeconds() + " s";
    }
}
