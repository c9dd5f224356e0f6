package io.logdoctor.shipper;

import io.logdoctor.records.Json;
import io.logdoctor.records.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this node's committed checkpoints from {@code logs.shipper.offsets}: every partition from the
 * start to its end under {@code read_committed}, keeping the last value of each key that starts with
 * {@code <cluster>/<node>/} (a tombstone deletes). File keys ({@code <device>:<inode>}) hold file
 * checkpoints; keys with a namespace ({@code cloudwatch/<logGroup>}: a '/' after the node) belong to other
 * sources and are handed over as JSON. No consumer group: nothing is committed.
 *
 * <p>Fast because a restart waits on it: the topic holds every update since its last compaction (Kafka
 * never compacts the active segment), so there are many records per key; only the last value of each key
 * is parsed, polls are large, and keys of other nodes are skipped without decoding their values.
 */
final class OffsetsReader {

    private static final Logger log = LoggerFactory.getLogger(OffsetsReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Records per poll: the whole topic is read, so fewer, larger polls (the default is 500). */
    private static final int MAX_POLL_RECORDS = 10_000;

    private final ShipperConfig config;
    private final String prefix;

    OffsetsReader(ShipperConfig config, String prefix) {
        this.config = config;
        this.prefix = prefix;
    }

    /** This node's committed checkpoints: files by key, and other sources' JSON by namespaced key. */
    record Offsets(Map<String, FileCheckpoint> files, Map<String, byte[]> sources) {
    }

    Offsets read() {
        long started = System.nanoTime();
        Map<String, Object> props = new HashMap<>(config.kafkaProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "logdoctor-shipper-offsets-" + config.node());
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        // Every partition is read to a known end: a fetch at the end of one must not hold back the others.
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        // The last record of each key, still as bytes: only those are parsed (null: a tombstone).
        Map<String, ConsumerRecord<String, byte[]>> last = new HashMap<>();
        long records = 0;
        long[] steps = new long[4]; // when the consumer was made, the end offsets known, the end reached, closed
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            steps[0] = System.nanoTime();
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.SHIPPER_OFFSETS, Duration.ofSeconds(60));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + Topics.SHIPPER_OFFSETS + " does not exist; create the "
                        + "pipeline's topics first (logdoctor shipper does)");
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed the end offsets are the last stable offsets: nothing still open counts.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            steps[1] = System.nanoTime();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    records++;
                    if (r.key() != null && r.key().startsWith(prefix)) {
                        last.put(r.key(), r);
                    }
                }
            }
            steps[2] = System.nanoTime();
        } finally {
            // No group, nothing committed, nothing in flight worth waiting for: a plain close waited 0.1-0.5 s.
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
        steps[3] = System.nanoTime();
        Map<String, FileCheckpoint> found = new HashMap<>();
        Map<String, byte[]> sources = new HashMap<>();
        last.forEach((fullKey, r) -> {
            String key = fullKey.substring(prefix.length());
            if (r.value() == null) {
                return; // a tombstone: deleted
            }
            if (key.contains("/")) { // another source's namespace: not a file
                sources.put(key, r.value());
            } else {
                found.put(key, parse(r));
            }
        });
        long now = System.nanoTime();
        log.info("restored {} file and {} other checkpoints of {} from {} ({} records) in {} ms (consumer made {}, "
                        + "end offsets {}, read {}, closed {}, parsed {})", found.size(), sources.size(), prefix,
                Topics.SHIPPER_OFFSETS, records, millis(started, now), millis(started, steps[0]), millis(steps[0], steps[1]),
                millis(steps[1], steps[2]), millis(steps[2], steps[3]), millis(steps[3], now));
        return new Offsets(found, sources);
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static FileCheckpoint parse(ConsumerRecord<String, byte[]> r) {
        try {
            FileCheckpoint checkpoint = Json.MAPPER.readValue(r.value(), FileCheckpoint.class);
            if (checkpoint.version() != FileCheckpoint.VERSION) {
                throw new IllegalStateException("checkpoint " + r.key() + " has version " + checkpoint.version()
                        + "; this shipper reads version " + FileCheckpoint.VERSION);
            }
            return checkpoint;
        } catch (IOException e) {
            throw new IllegalStateException("checkpoint " + r.key() + " at " + r.partition() + "/" + r.offset()
                    + " is not valid: " + e.getMessage(), e);
        }
    }
}
