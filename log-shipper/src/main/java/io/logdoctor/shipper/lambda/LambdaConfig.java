package io.logdoctor.shipper.lambda;

import io.logdoctor.records.HttpOptions;

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
 *   <tr><td>http</td><td>{@link HttpOptions#defaults()}</td><td>bind address, read timeout, request workers,
 *       and the bearer token {@code /telemetry} then requires ({@code /firehose} has its access key)</td></tr>
 *   <tr><td>maxInflatedBytes</td><td>16 MiB (at least maxBodyBytes)</td><td>the JSON one request may
 *       inflate to, its body and every record's payload after gunzip together; more is 413</td></tr>
 *   <tr><td>inflightBytes</td><td>96 MiB (at least maxBodyBytes + 4 x maxInflatedBytes)</td><td>the heap
 *       all requests in flight may hold together, charged as they are read; a request that would pass it
 *       gets 503 with {@code Retry-After}</td></tr>
 * </table>
 *
 * @param bootstrapServers  the Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param port              the port to listen on, 0 for any free one
 * @param firehoseAccessKey the expected {@code X-Amz-Firehose-Access-Key}, or null to refuse all Firehose requests
 * @param maxBodyBytes      the body size limit, before and after gzip
 * @param kafkaProperties   extra producer properties, passed through
 * @param cluster           the cluster label on every record, or null
 * @param http              how the HTTP server faces its clients
 * @param maxInflatedBytes  the JSON one request may inflate to
 * @param inflightBytes     the bytes all requests in flight may hold together
 */
public record LambdaConfig(String bootstrapServers, int port, String firehoseAccessKey, int maxBodyBytes,
                           Map<String, String> kafkaProperties, String cluster, HttpOptions http, long maxInflatedBytes,
                           long inflightBytes) {

    /**
     * The default body limit. Firehose's HTTP endpoint buffering hint defaults to a few MiB (at most
     * 64 MiB before compression); bodies are held in memory, so the limit bounds memory per request.
     */
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
    /** Firehose's smallest buffering hint, 1 MiB of gzipped payloads, inflates to about 10 MiB of JSON. */
    public static final long DEFAULT_MAX_INFLATED_BYTES = 16L * 1024 * 1024;
    /** One largest request (8 + 4 x 16 MiB) fits, with room for small ones, inside a 256 MiB heap. */
    public static final long DEFAULT_INFLIGHT_BYTES = 96L * 1024 * 1024;

    /** The defaults for the HTTP server, the inflation limit and the in-flight budget. */
    public LambdaConfig(String bootstrapServers, int port, String firehoseAccessKey, int maxBodyBytes,
                        Map<String, String> kafkaProperties, String cluster) {
        this(bootstrapServers, port, firehoseAccessKey, maxBodyBytes, kafkaProperties, cluster, HttpOptions.defaults(),
                Math.max(DEFAULT_MAX_INFLATED_BYTES, maxBodyBytes),
                Math.max(DEFAULT_INFLIGHT_BYTES, maxBodyBytes + RequestBudget.PARSED_COST * Math.max(DEFAULT_MAX_INFLATED_BYTES, maxBodyBytes)));
    }

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
        Objects.requireNonNull(http, "http");
        if (maxInflatedBytes < maxBodyBytes) {
            throw new IllegalArgumentException("maxInflatedBytes must be at least maxBodyBytes (" + maxBodyBytes + "); was " + maxInflatedBytes);
        }
        // Smaller, and a request within the limits could never fit: 503 forever, retried forever.
        long largest = maxBodyBytes + RequestBudget.PARSED_COST * maxInflatedBytes;
        if (inflightBytes < largest) {
            throw new IllegalArgumentException("inflightBytes must hold one largest request, maxBodyBytes + "
                    + RequestBudget.PARSED_COST + " x maxInflatedBytes = " + largest + "; was " + inflightBytes);
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
        return new LambdaConfig(bootstrapServers, port, firehoseAccessKey, maxBodyBytes, kafkaProperties, cluster, http,
                maxInflatedBytes, inflightBytes);
    }

    /** This configuration with other producer properties. */
    public LambdaConfig withKafkaProperties(Map<String, String> kafkaProperties) {
        return new LambdaConfig(bootstrapServers, port, firehoseAccessKey, maxBodyBytes, kafkaProperties, cluster, http,
                maxInflatedBytes, inflightBytes);
    }

    /** This configuration with another cluster label (null for none). */
    public LambdaConfig withCluster(String cluster) {
        return new LambdaConfig(bootstrapServers, port, firehoseAccessKey, maxBodyBytes, kafkaProperties, cluster, http,
                maxInflatedBytes, inflightBytes);
    }

    /** This configuration with other HTTP options. */
    public LambdaConfig withHttp(HttpOptions http) {
        return new LambdaConfig(bootstrapServers, port, firehoseAccessKey, maxBodyBytes, kafkaProperties, cluster, http,
                maxInflatedBytes, inflightBytes);
    }

    /** This configuration with other memory bounds. */
    public LambdaConfig withMemoryBounds(long maxInflatedBytes, long inflightBytes) {
        return new LambdaConfig(bootstrapServers, port, firehoseAccessKey, maxBodyBytes, kafkaProperties, cluster, http,
                maxInflatedBytes, inflightBytes);
    }

    /** Never shows the access key, which would otherwise end up in logs. */
    @Override
    public String toString() {
        return "LambdaConfig[bootstrapServers=" + bootstrapServers + ", port=" + port + ", firehoseAccessKey="
                + (firehoseAccessKey == null ? "none" : "(set)") + ", maxBodyBytes=" + maxBodyBytes
                + ", kafkaProperties=" + kafkaProperties.keySet() + ", cluster=" + cluster + ", http=" + http
                + ", maxInflatedBytes=" + maxInflatedBytes + ", inflightBytes=" + inflightBytes + "]";
    }
}
