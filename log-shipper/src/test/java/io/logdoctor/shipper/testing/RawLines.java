package io.logdoctor.shipper.testing;

import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads {@code logs.raw} under read_committed (what a downstream consumer sees) and counts the lines of
 * one cluster: test support for the "0 lost, 0 duplicated" checks.
 */
public final class RawLines implements AutoCloseable {

    private final KafkaConsumer<String, LogRecord> consumer;
    private final String cluster;
    public final Map<String, Integer> counts = new HashMap<>();
    public final List<LogRecord> records = new ArrayList<>();

    public RawLines(String bootstrap, String cluster) {
        this.cluster = cluster;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(Topics.MAX_RECORD_BYTES)),
                new StringDeserializer(), Topics.LOGS_RAW.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.LOGS_RAW.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls until {@code done} holds or {@code timeout} passes; returns whether it held. */
    public boolean pollUntil(Predicate<RawLines> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, LogRecord> r : consumer.poll(Duration.ofMillis(200))) {
                if (cluster.equals(r.value().cluster())) {
                    records.add(r.value());
                    counts.merge(r.value().line(), 1, Integer::sum);
                }
            }
            if (done.test(this)) {
                return true;
            }
        }
        return false;
    }

    /** Ids of {@code writer}'s lines that never arrived. */
    public long lost(String container, long written) {
        long lost = 0;
        for (long i = 0; i < written; i++) {
            if (!counts.containsKey(container + "-" + i)) {
                lost++;
            }
        }
        return lost;
    }

    /** Lines that arrived more than once. */
    public long duplicated() {
        return counts.values().stream().filter(c -> c > 1).mapToLong(c -> c - 1).sum();
    }

    public boolean hasAll(String container, long written) {
        return lost(container, written) == 0;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
