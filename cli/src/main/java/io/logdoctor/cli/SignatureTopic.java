package io.logdoctor.cli;

import io.logdoctor.records.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The signatures topic read to its end: the pushed files a streams app starting now would load (key to text). */
final class SignatureTopic {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private SignatureTopic() {
    }

    static Map<String, String> current(String bootstrap, Map<String, String> kafkaProperties) {
        Map<String, Object> config = new HashMap<>(kafkaProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: no group, nothing committed
        Map<String, String> pushed = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config,
                Topics.SIGNATURES.keySerde().deserializer(), Topics.SIGNATURES.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SIGNATURES.name(), DEADLINE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, DEADLINE);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, DEADLINE) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.SIGNATURES.name() + " to its end within " + DEADLINE.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        pushed.remove(r.key()); // a tombstone
                    } else {
                        pushed.put(r.key(), r.value());
                    }
                }
            }
        }
        return pushed;
    }
}
