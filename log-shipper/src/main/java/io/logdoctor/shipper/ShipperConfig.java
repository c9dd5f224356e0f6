package io.logdoctor.shipper;

import io.logdoctor.shipper.cloudwatch.CloudWatchConfig;
import io.logdoctor.shipper.decode.MultilineJoiner;
import io.logdoctor.shipper.events.EventsConfig;
import io.logdoctor.shipper.files.PodSelector;
import io.logdoctor.shipper.journal.JournalConfig;
import io.logdoctor.shipper.lambda.LambdaConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The settings of a {@link LogShipper}; {@link #defaults} fills in everything but where to read, write
 * and connect. The table with every setting, its flag, environment variable and default is
 * {@code docs/shipper.md}.
 *
 * @param bootstrapServers the Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param podsRoot         the directory holding {@code <namespace>_<pod>_<uid>/<container>/<n>.log}
 * @param containersRoot   the kubelet's symlink directory ({@code /var/log/containers}), or null for none
 * @param stateDir         the directory for the at-least-once checkpoint file
 * @param cluster          the cluster name on every record (part of the transactional id)
 * @param node             the node name on every record (part of the transactional id and offset keys)
 * @param delivery         exactly once (transactions, offsets topic) or at least once (checkpoint file)
 * @param include          {@code ns[/pod[/container]]} globs to ship; empty ships everything
 * @param exclude          globs never to ship; they win over includes
 * @param pollInterval     how long an idle shipper waits before reading again
 * @param scanInterval     how often the directories are listed even without a watch event
 * @param maxLineBytes     the length in bytes at which a line (or a joined event) is cut
 * @param multiline        the regular expression a continuation line matches; empty joins nothing
 * @param multilineFlush   how long a multi-line event waits for another continuation line
 * @param bufferBytes      the producer's {@code buffer.memory}: the bound on bytes not yet acknowledged
 * @param metricsPort      the port of {@code /healthz} and {@code /metrics}; 0 any free port, -1 none
 * @param lambda           the Lambda receiver (Firehose and Telemetry endpoints) to run as well, or null for none
 * @param kafkaProperties  extra client properties, passed through (SASL, TLS, tuning)
 * @param cloudWatch       the CloudWatch Logs log groups to tail as well, or null for none (exactly once only)
 * @param journal          the node's systemd journal to read as well, or null for none (exactly once only)
 * @param events           the cluster's Kubernetes Events to watch as well, or null for none (exactly once only)
 */
public record ShipperConfig(String bootstrapServers, Path podsRoot, Path containersRoot, Path stateDir,
                            String cluster, String node, Delivery delivery, List<String> include,
                            List<String> exclude, Duration pollInterval, Duration scanInterval, int maxLineBytes,
                            String multiline, Duration multilineFlush, long bufferBytes, int metricsPort,
                            LambdaConfig lambda, Map<String, String> kafkaProperties, CloudWatchConfig cloudWatch,
                            JournalConfig journal, EventsConfig events) {

    /** How records and checkpoints reach Kafka. */
    public enum Delivery {
        /** Records and file offsets in one Kafka transaction: no loss, no duplicates across crashes. */
        EXACTLY_ONCE,
        /** Idempotent producer, offsets in a file saved after each flush: no loss, duplicates after a crash. */
        AT_LEAST_ONCE;

        /** Parses {@code exactly-once} or {@code at-least-once}. */
        public static Delivery parse(String value) {
            return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
                case "exactly-once" -> EXACTLY_ONCE;
                case "at-least-once" -> AT_LEAST_ONCE;
                default -> throw new IllegalArgumentException(
                        "delivery must be exactly-once or at-least-once; was " + value);
            };
        }
    }

    /** The default cluster name. */
    public static final String DEFAULT_CLUSTER = "local";
    /** The default poll interval. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);
    /** The default periodic scan interval (the watch service usually finds files sooner). */
    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofSeconds(5);
    /** The default line length limit, 1 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
    /** The default continuation rule: Java stack frames, causes, "... N more", tab-indented lines. */
    public static final String DEFAULT_MULTILINE = MultilineJoiner.DEFAULT_CONTINUATION;
    /** The default time a multi-line event waits for more. */
    public static final Duration DEFAULT_MULTILINE_FLUSH = Duration.ofSeconds(1);
    /** The default producer buffer, 32 MiB. */
    public static final long DEFAULT_BUFFER_BYTES = 32L * 1024 * 1024;
    /** The default port of /healthz and /metrics (the streams app has 8080, the notifier 8081). */
    public static final int DEFAULT_METRICS_PORT = 8082;

    /** Validates every setting and copies the collections. */
    public ShipperConfig {
        requireText(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(podsRoot, "podsRoot");
        Objects.requireNonNull(stateDir, "stateDir");
        requireText(cluster, "cluster");
        requireText(node, "node");
        if (cluster.contains("/") || node.contains("/")) {
            throw new IllegalArgumentException("cluster and node must not contain '/'; were " + cluster + " and " + node);
        }
        Objects.requireNonNull(delivery, "delivery");
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        include.forEach(PodSelector::compile);
        exclude.forEach(PodSelector::compile);
        requirePositive(pollInterval, "pollInterval");
        requirePositive(scanInterval, "scanInterval");
        requirePositive(multilineFlush, "multilineFlush");
        if (maxLineBytes < 1024) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1024; was " + maxLineBytes);
        }
        multiline = multiline == null ? "" : multiline;
        try {
            Pattern.compile(multiline);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("multiline is not a regular expression: " + e.getDescription()
                    + "; was " + multiline, e);
        }
        if (bufferBytes < 1024 * 1024) {
            throw new IllegalArgumentException("bufferBytes must be at least 1 MiB; was " + bufferBytes);
        }
        requirePort(metricsPort, "metricsPort");
        kafkaProperties = Map.copyOf(Objects.requireNonNull(kafkaProperties, "kafkaProperties"));
        if (cloudWatch != null && delivery != Delivery.EXACTLY_ONCE) {
            // Log group checkpoints live in the offsets topic, inside the transaction; the at-least-once
            // checkpoint file holds file checkpoints only.
            throw new IllegalArgumentException("the cloudwatch source needs delivery exactly-once; was " + delivery);
        }
        if ((journal != null || events != null) && delivery != Delivery.EXACTLY_ONCE) {
            throw new IllegalArgumentException("the journal and events sources need delivery exactly-once; was " + delivery);
        }
    }

    /**
     * A configuration with the defaults for everything but the servers and the two directories: exactly
     * once, no symlink directory, no HTTP server, no Lambda receiver.
     */
    public static ShipperConfig defaults(String bootstrapServers, Path podsRoot, Path stateDir) {
        return new ShipperConfig(bootstrapServers, podsRoot, null, stateDir, DEFAULT_CLUSTER, defaultNode(),
                Delivery.EXACTLY_ONCE, List.of(), List.of(), DEFAULT_POLL_INTERVAL, DEFAULT_SCAN_INTERVAL,
                DEFAULT_MAX_LINE_BYTES, DEFAULT_MULTILINE, DEFAULT_MULTILINE_FLUSH, DEFAULT_BUFFER_BYTES, -1, null,
                Map.of(), null, null, null);
    }

    /** The compiled continuation rule, or null if multi-line joining is off. */
    public Pattern multilinePattern() {
        return multiline.isEmpty() ? null : Pattern.compile(multiline);
    }

    public ShipperConfig withContainersRoot(Path containersRoot) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    public ShipperConfig withCluster(String cluster) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    public ShipperConfig withNode(String node) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    public ShipperConfig withDelivery(Delivery delivery) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    public ShipperConfig withSelectors(List<String> include, List<String> exclude) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    public ShipperConfig withPollInterval(Duration pollInterval) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    public ShipperConfig withScanInterval(Duration scanInterval) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    public ShipperConfig withMaxLineBytes(int maxLineBytes) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    public ShipperConfig withMultiline(String multiline, Duration multilineFlush) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    public ShipperConfig withBufferBytes(long bufferBytes) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    public ShipperConfig withMetricsPort(int metricsPort) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    /** The Lambda receiver to run beside the files (its own producer and port), or null for none. */
    public ShipperConfig withLambda(LambdaConfig lambda) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    public ShipperConfig withKafkaProperties(Map<String, String> kafkaProperties) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    /** Also tails these CloudWatch Logs log groups (null: none); needs exactly-once delivery. */
    public ShipperConfig withCloudWatch(CloudWatchConfig cloudWatch) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    /** Also reads the node's systemd journal (null: none); needs exactly-once delivery. */
    public ShipperConfig withJournal(JournalConfig journal) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    /** Also watches the cluster's Kubernetes Events (null: none); needs exactly-once delivery. */
    public ShipperConfig withEvents(EventsConfig events) {
        return new ShipperConfig(bootstrapServers, podsRoot, containersRoot, stateDir, cluster, node, delivery, include, exclude, pollInterval, scanInterval, maxLineBytes, multiline, multilineFlush, bufferBytes, metricsPort, lambda, kafkaProperties, cloudWatch, journal, events);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank; was " + value);
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive; was " + value);
        }
    }

    private static void requirePort(int port, String name) {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be -1 (none), 0 (any) or 1..65535; was " + port);
        }
    }

    /** NODE_NAME (the downward API's spec.nodeName in a DaemonSet), else HOSTNAME, else the host name. */
    static String defaultNode() {
        for (String env : new String[] {"NODE_NAME", "HOSTNAME"}) {
            String value = System.getenv(env);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
