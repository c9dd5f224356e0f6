package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds {@link FiringMemory} for a partition from the topic itself: every record before the
 * group's committed offset was dealt with, so folding them gives what was sent. The topic is
 * compacted and keyed by diagnosis id, so this reads about one record per diagnosis, and no
 * local state file is needed: a notifier pod can be rescheduled anywhere.
 */
final class MemoryRebuilder {

    private static final Logger log = LoggerFactory.getLogger(MemoryRebuilder.class);
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final Map<String, Object> config;
    private final Deserializer<Diagnosis> values;

    /** @param values how the loop reads the topic's values, so the memory is folded from the same records */
    MemoryRebuilder(String bootstrapServers, Map<String, String> kafka, Deserializer<Diagnosis> values) {
        this.values = values;
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // No group: this reader only assigns and seeks, and must never move the group's offsets.
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "logdoctor-notifier-rebuild");
        this.config = c;
    }

    /** Folds records {@code [beginning, upTo.get(tp))} of each partition into {@code memory}, with one reader; returns how many it read. */
    int rebuild(Map<TopicPartition, Long> upTo, FiringMemory memory) {
        upTo.keySet().forEach(tp -> memory.forget(tp.partition()));
        Map<TopicPartition, Long> left = new HashMap<>();
        upTo.forEach((tp, offset) -> {
            if (offset > 0) {
                left.put(tp, offset);
            }
        });
        if (left.isEmpty()) {
            return 0;
        }
        int read = 0;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            reader.assign(left.keySet());
            reader.seekToBeginning(left.keySet());
            while (!left.isEmpty()) {
                for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long end = left.get(tp);
                    if (end == null || r.offset() >= end) {
                        continue;
                    }
                    read++;
                    try {
                        memory.apply(tp.partition(), r.key(), values.deserialize(r.topic(), r.value()));
                    } catch (SerializationException e) {
                        // skipped when it was consumed too (DiagnosisLoop): it changed nothing then either
                    }
                }
                for (TopicPartition tp : List.copyOf(left.keySet())) {
                    if (reader.position(tp) >= left.get(tp)) {
                        left.remove(tp);
                        reader.pause(List.of(tp));
                    }
                }
                if (!left.isEmpty() && System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + left.keySet() + " up to offsets " + left + " within " + DEADLINE);
                }
            }
        }
        log.info("rebuilt what was sent for {} from {} records before offsets {}: {} diagnoses firing in total",
                upTo.keySet(), read, upTo, memory.firing());
        return read;
    }
}
