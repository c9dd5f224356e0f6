package io.logdoctor.shipper;

import java.util.Map;
import java.util.Objects;

/**
 * The settings of a {@link LambdaReceiver}; {@link #of} fills in everything but where to connect,
 * where to listen and the Firehose access key.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>bootstrapServers</td><td>(required)</td><td>Kafka bootstrap servers</td></tr>
 *   <tr><td>port</td><td>(required; 0 picks a free port)</td><td>the HTTP port for {@code POST /firehose}
 *       and {@code POST /telemetry}</td></tr>
 *   <tr><td>firehoseAccessKey</td><td>none: {@code /firehose} refuses every request with 401</td>
 *       <td>the access key configured on the Firehose stream's HTTP endpoint destination</td></tr>
 *   <tr><td>maxBodyBytes</td><td>8 MiB (at least 1024)</td><td>the largest request body, on the wire and
 *       again after {@code Content-Encoding: gzip} is undone; larger ones get 413. Keep the Firehose
 *       buffering size hint below it</td></tr>
 *   <tr><td>kafkaProperties</td><td>none</td><td>passed to the producer (SASL, TLS, tuning); they cannot
 *       turn off idempotence or {@code acks=all}</td></tr>
 *   <tr><td>cluster</td><td>none</td><td>a label put in the {@code cluster} field of every Lambda record
 *       (an account or environment name), or null to leave it out</td></tr>
 * </table>
 *
 * @param bootstrapServers  the Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param port              the port to listen on, 0 for any free one
 * @param firehoseAccessKey the expected {@code X-Amz-Firehose-Access-Key}, or null to refuse all Firehose requests
 * @param maxBodyBytes      the body size limit, before and after gzip
 * @param kafkaProperties   extra producer properties, passed through
 * @param cluster           the cluster label on every record, or null
 */
public record LambdaConfig(String bootstrapServers, int port, String firehoseAccessKey, int maxBodyBytes,
                           Map<String, String> kafkaProperties, String cluster) {

    /**
     * The default body limit. Firehose's HTTP endpoint buffering hint defaults to a few MiB (at most
     * 64 MiB before compression); bodies are held in memory, so the limit bounds memory per request.
     */
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

    /** Validates every setting, turns a blank access key into none, and copies the Kafka properties. */
    public LambdaConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be empty; was '" + bootstrapServers + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535; was " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024; was " + maxBodyBytes);
        }
        firehoseAccessKey = firehoseAccessKey == null || firehoseAccessKey.isBlank() ? null : firehoseAccessKey;
        kafkaProperties = Map.copyOf(Objects.requireNonNull(kafkaProperties, "kafkaProperties"));
        cluster = cluster == null || cluster.isBlank() ? null : cluster;
    }

    /** A configuration with the default body limit, no extra Kafka properties and no cluster label. */
    public static LambdaConfig of(String bootstrapServers, int port, String firehoseAccessKey) {
        return new LambdaConfig(bootstrapServers, port, firehoseAccessKey, DEFAULT_MAX_BODY_BYTES, Map.of(), null);
    }

    /** This configuration with another body limit. */
    public LambdaConfig withMaxBodyBytes(int maxBodyBytes) {
        return new LambdaConfig(bootstrapServers, port, firehoseAccessKey, maxBodyBytes, kafkaProperties, cluster);
    }

    /** This configuration with other producer properties. */
    public LambdaConfig withKafkaProperties(Map<String, String> kafkaProperties) {
        return new LambdaConfig(bootstrapServers, port, firehoseAccessKey, maxBodyBytes, kafkaProperties, cluster);
    }

    /** This configuration with another cluster label (null for none). */
    public LambdaConfig withCluster(String cluster) {
        return new LambdaConfig(bootstrapServers, port, firehoseAccessKey, maxBodyBytes, kafkaProperties, cluster);
    }

    /** Never shows the access key, which would otherwise end up in logs. */
    @Override
    public String toString() {
        return "LambdaConfig[bootstrapServers=" + bootstrapServers + ", port=" + port + ", firehoseAccessKey="
                + (firehoseAccessKey == null ? "none" : "(set)") + ", maxBodyBytes=" + maxBodyBytes
                + ", kafkaProperties=" + kafkaProperties.keySet() + ", cluster=" + cluster + "]";
    }
}
