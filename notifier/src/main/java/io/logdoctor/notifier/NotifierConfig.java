package io.logdoctor.notifier;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the notifier needs: the Kafka cluster and group, the routes with their destinations,
 * the retry policy and the HTTP timeout. Usually read from a routes file by {@link #load(Path)}.
 *
 * <p>{@code groupInstanceId} makes this notifier a static member of its group (KIP-345): restarted
 * under the same id after a kill -9, it takes its partitions back at once instead of waiting for the
 * dead member's session to time out (45 s by default). Null: a dynamic member.
 */
public record NotifierConfig(String bootstrapServers, String groupId, String groupInstanceId, Map<String, String> kafka,
                             List<Route> routes, RetryPolicy retry, Duration httpTimeout, Source source) {

    /**
     * What the notifier pages on: one page per incident (the default of a routes file), or the
     * per-diagnosis path of before incidents, one page per pod (for tools that want every scope apart).
     */
    public enum Source {
        INCIDENTS("incidents"), DIAGNOSES("diagnoses");

        private final String topic;

        Source(String topic) {
            this.topic = topic;
        }

        /** The topic read. */
        public String topic() {
            return topic;
        }
    }

    /** The consumer group: its committed offsets are the notifier's only durable state. */
    public static final String DEFAULT_GROUP_ID = "logdoctor-notifier";
    /** Per request, connect included: an endpoint that hangs must not hold a partition forever. */
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(10);

    /** A dynamic member of the group, paging per diagnosis. */
    public NotifierConfig(String bootstrapServers, String groupId, Map<String, String> kafka,
                          List<Route> routes, RetryPolicy retry, Duration httpTimeout) {
        this(bootstrapServers, groupId, null, kafka, routes, retry, httpTimeout);
    }

    /** Paging per diagnosis, as before incidents. */
    public NotifierConfig(String bootstrapServers, String groupId, String groupInstanceId, Map<String, String> kafka,
                          List<Route> routes, RetryPolicy retry, Duration httpTimeout) {
        this(bootstrapServers, groupId, groupInstanceId, kafka, routes, retry, httpTimeout, Source.DIAGNOSES);
    }

    public NotifierConfig {
        kafka = Map.copyOf(kafka);
        routes = List.copyOf(routes);
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("no routes: every diagnosis would be dropped");
        }
    }

    /** Reads a routes file (YAML); {@code ${VAR}} in a value is replaced from the environment. */
    public static NotifierConfig load(Path file) throws IOException {
        return load(file, System.getenv());
    }

    /** Like {@link #load(Path)} with the given environment, for tests. */
    public static NotifierConfig load(Path file, Map<String, String> env) throws IOException {
        return ConfigFile.read(file, env);
    }

    /** This config against the given Kafka bootstrap servers. */
    public NotifierConfig withBootstrapServers(String servers) {
        return new NotifierConfig(servers, groupId, groupInstanceId, kafka, routes, retry, httpTimeout, source);
    }

    /** This config with extra Kafka client properties (SASL, TLS), which win over the file's. */
    public NotifierConfig withKafkaProperties(Map<String, String> properties) {
        Map<String, String> merged = new TreeMap<>(kafka);
        merged.putAll(properties);
        return new NotifierConfig(bootstrapServers, groupId, groupInstanceId, merged, routes, retry, httpTimeout, source);
    }

    /** This config with another consumer group. */
    public NotifierConfig withGroupId(String group) {
        return new NotifierConfig(bootstrapServers, group, groupInstanceId, kafka, routes, retry, httpTimeout, source);
    }

    /** This config as the static member {@code instanceId} (null: dynamic). */
    public NotifierConfig withGroupInstanceId(String instanceId) {
        return new NotifierConfig(bootstrapServers, groupId, instanceId, kafka, routes, retry, httpTimeout, source);
    }

    /** This config reading {@code from}. */
    public NotifierConfig withSource(Source from) {
        return new NotifierConfig(bootstrapServers, groupId, groupInstanceId, kafka, routes, retry, httpTimeout, from);
    }

    /** This config with another retry policy. */
    public NotifierConfig withRetry(RetryPolicy policy) {
        return new NotifierConfig(bootstrapServers, groupId, groupInstanceId, kafka, routes, policy, httpTimeout, source);
    }
}
