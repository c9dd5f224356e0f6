package io.logdoctor.streams;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.util.Map;

/**
 * How far this instance's stream threads are behind the ends of the partitions they consume (logs.raw and
 * the repartition topic): the sum of the consumer's per-partition {@code records-lag}. The alert on
 * consumer lag (deploy/prometheus/rules.yaml) reads it, so no Kafka exporter is needed.
 */
final class ConsumerLag {

    private ConsumerLag() {
    }

    /** The records behind, summed over the main consumers' partitions; the restore consumer's are not lag. */
    static long records(Map<MetricName, ? extends Metric> metrics) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName name = e.getKey();
            // Per-partition series carry a partition tag; the client-level records-lag-max has none.
            if (!name.name().equals("records-lag") || !name.group().equals("consumer-fetch-manager-metrics")
                    || !name.tags().containsKey("partition")
                    || name.tags().getOrDefault("client-id", "").endsWith("restore-consumer")) {
                continue;
            }
            Object value = e.getValue().metricValue();
            if (value instanceof Number n && !Double.isNaN(n.doubleValue())) { // NaN before the first fetch
                sum += n.doubleValue();
            }
        }
        return (long) sum;
    }
}
