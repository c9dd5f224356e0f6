package io.logdoctor.notifier;

import io.logdoctor.records.Incident;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.HashSet;

/** The incidents topic as a test reads it: where given records are, and whether a group has read past them. */
final class IncidentRecords {

    private IncidentRecords() {
    }

    /**
     * Waits until, for every id, a record of it that {@code which} admits is on the topic and the group
     * has committed past it: the notifier has dealt with it (sent it, or decided to send nothing).
     */
    static void awaitConsumed(String bootstrap, String group, Set<String> ids, Predicate<Incident> which, Duration deadline)
            throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        Map<TopicPartition, Long> past = new HashMap<>();
        try (KafkaConsumer<String, Incident> reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), Topics.INCIDENTS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(Topics.INCIDENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Set<String> left = new HashSet<>(ids);
            while (!left.isEmpty()) {
                for (ConsumerRecord<String, Incident> r : reader.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && left.contains(r.key()) && which.test(r.value())) {
                        left.remove(r.key());
                        past.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
                    }
                }
                if (System.nanoTime() > end) {
                    throw new AssertionError("no record of " + left + " on " + Topics.INCIDENTS.name() + " within " + deadline);
                }
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                if (past.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue())) {
                    return;
                }
                if (System.nanoTime() > end) {
                    throw new AssertionError("group " + group + " has not committed past " + past + " within " + deadline + "; it has " + committed);
                }
                Thread.sleep(200);
            }
        }
    }
}
