package io.logdoctor.streams;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lag gauge over a real Kafka metrics registry, shaped as a Streams client's consumers register it. */
class ConsumerLagTest {

    private static final String GROUP = "consumer-fetch-manager-metrics";

    @Test
    void sumsThePartitionsOfTheMainConsumersOnly() {
        try (Metrics metrics = new Metrics()) {
            String main1 = "logdoctor-streams-1a2b-StreamThread-1-consumer";
            String main2 = "logdoctor-streams-1a2b-StreamThread-2-consumer";
            add(metrics, "records-lag", Map.of("client-id", main1, "topic", "logs.raw", "partition", "0"), 3);
            add(metrics, "records-lag", Map.of("client-id", main2, "topic", "logs.raw", "partition", "1"), 4);
            add(metrics, "records-lag", Map.of("client-id", main2, "topic", "logs.raw", "partition", "2"), Double.NaN);
            // Restoring a changelog is not lag on the input, and the client-level max would count twice.
            add(metrics, "records-lag", Map.of("client-id", "logdoctor-streams-1a2b-StreamThread-1-restore-consumer",
                    "topic", "logdoctor-streams-state-changelog", "partition", "0"), 100);
            add(metrics, "records-lag-max", Map.of("client-id", main1), 50);
            assertEquals(7, ConsumerLag.records(metrics.metrics()));
        }
    }

    @Test
    void isZeroBeforeAnyPartitionIsAssigned() {
        try (Metrics metrics = new Metrics()) {
            assertEquals(0, ConsumerLag.records(metrics.metrics()));
        }
    }

    private static void add(Metrics metrics, String name, Map<String, String> tags, double value) {
        MetricName metricName = new MetricName(name, GROUP, "", tags);
        metrics.addMetric(metricName, (Gauge<Double>) (config, now) -> value);
    }
}
