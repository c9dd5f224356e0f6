package io.logdoctor.shipper;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of a {@link LogShipper}; {@link #defaults} fills in everything but where to read, write
 * and connect.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>bootstrapServers</td><td>(required)</td><td>Kafka bootstrap servers</td></tr>
 *   <tr><td>podsRoot</td><td>(required; {@code /var/log/pods} on a node)</td>
 *       <td>the kubelet's pod-log directory</td></tr>
 *   <tr><td>stateDir</td><td>(required)</td><td>where {@code checkpoints.json} lives</td></tr>
 *   <tr><td>cluster</td><td>{@code local}</td><td>cluster name put on every record and key</td></tr>
 *   <tr><td>node</td><td>the hostname</td><td>node name put on every record (in a DaemonSet, pass
 *       {@code spec.nodeName} through the downward API)</td></tr>
 *   <tr><td>pollInterval</td><td>250 ms</td><td>how often the directory is scanned and idle files
 *       are read</td></tr>
 *   <tr><td>maxLineBytes</td><td>1 MiB (at least 1024)</td><td>longer lines are cut and marked
 *       truncated</td></tr>
 *   <tr><td>kafkaProperties</td><td>none</td><td>passed to the producer (SASL, TLS, tuning); they
 *       cannot turn off idempotence or {@code acks=all}</td></tr>
 * </table>
 *
 * @param bootstrapServers the Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param podsRoot         the directory holding {@code <namespace>_<pod>_<uid>/<container>/<n>.log}
 * @param stateDir         the directory for the shipper's checkpoints
 * @param cluster          the cluster name on every record
 * @param node             the node name on every record
 * @param pollInterval     the time between scans of an idle directory
 * @param maxLineBytes     the length in bytes at which a line is cut
 * @param kafkaProperties  extra producer properties, passed through
 */
public record ShipperConfig(String bootstrapServers, Path podsRoot, Path stateDir, String cluster, String node,
                            Duration pollInterval, int maxLineBytes, Map<String, String> kafkaProperties) {

    /** The default cluster name. */
    public static final String DEFAULT_CLUSTER = "local";
    /** The default poll interval. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);
    /** The default line length limit, 1 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

    /** Validates every setting and copies the Kafka properties. */
    public ShipperConfig {
        requireText(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(podsRoot, "podsRoot");
        Objects.requireNonNull(stateDir, "stateDir");
        requireText(cluster, "cluster");
        requireText(node, "node");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive; was " + pollInterval);
        }
        if (maxLineBytes < 1024) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1024; was " + maxLineBytes);
        }
        kafkaProperties = Map.copyOf(Objects.requireNonNull(kafkaProperties, "kafkaProperties"));
    }

    /** A configuration with the defaults for everything but the servers and the two directories. */
    public static ShipperConfig defaults(String bootstrapServers, Path podsRoot, Path stateDir) {
        return new ShipperConfig(bootstrapServers, podsRoot, stateDir, DEFAULT_CLUSTER, hostname(),
                DEFAULT_POLL_INTERVAL, DEFAULT_MAX_LINE_BYTES, Map.of());
    }

    /** This configuration with another cluster name. */
    public ShipperConfig withCluster(String cluster) {
        return new ShipperConfig(bootstrapServers, podsRoot, stateDir, cluster, node, pollInterval,
                maxLineBytes, kafkaProperties);
    }

    /** This configuration with another node name. */
    public ShipperConfig withNode(String node) {
        return new ShipperConfig(bootstrapServers, podsRoot, stateDir, cluster, node, pollInterval,
                maxLineBytes, kafkaProperties);
    }

    /** This configuration with another poll interval. */
    public ShipperConfig withPollInterval(Duration pollInterval) {
        return new ShipperConfig(bootstrapServers, podsRoot, stateDir, cluster, node, pollInterval,
                maxLineBytes, kafkaProperties);
    }

    /** This configuration with another line length limit. */
    public ShipperConfig withMaxLineBytes(int maxLineBytes) {
        return new ShipperConfig(bootstrapServers, podsRoot, stateDir, cluster, node, pollInterval,
                maxLineBytes, kafkaProperties);
    }

    /** This configuration with these producer properties instead of the current ones. */
    public ShipperConfig withKafkaProperties(Map<String, String> kafkaProperties) {
        return new ShipperConfig(bootstrapServers, podsRoot, stateDir, cluster, node, pollInterval,
                maxLineBytes, kafkaProperties);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank; was " + value);
        }
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
