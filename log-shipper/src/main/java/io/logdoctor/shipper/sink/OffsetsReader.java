package io.logdoctor.shipper.sink;

import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.shipper.files.FileCheckpoint;

import io.logdoctor.records.Json;
import io.logdoctor.records.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 *
 * <p>{@link #start} reads on a thread of its own while the producer's {@code initTransactions} fences the
 * previous instance: what is committed by then is read (and parsed) meanwhile, and once the caller says
 * the fence is up ({@link Pending#fenced}) the end offsets are taken again and read to. Only that second
 * end counts, so a commit the previous instance made before it was fenced is never missed.
 */
final class OffsetsReader {

    private static final Logger log = LoggerFactory.getLogger(OffsetsReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
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

    /** A read under way; {@link #fenced} lets it take its final end offsets, {@link #join} waits for it. */
    static final class Pending {
        private final CompletableFuture<Void> fence = new CompletableFuture<>();
        private final CompletableFuture<Offsets> result = new CompletableFuture<>();
        private volatile KafkaConsumer<?, ?> consumer;

        /** The previous instance is fenced (initTransactions returned): nothing it did can commit any more. */
        void fenced() {
            fence.complete(null);
        }

        /** Stops the read (the producer did not start); its consumer is closed. */
        void cancel() {
            fence.completeExceptionally(new CancellationException("the producer did not start"));
            KafkaConsumer<?, ?> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }

        /** The checkpoints; throws what the read threw (a KafkaException: Kafka away; IllegalStateException: bad data). */
        Offsets join() {
            try {
                return result.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
    }

    /**
     * Starts reading on a thread of its own.
     *
     * @param awaitTopics run (once) if the offsets topic does not exist yet: returns once it was created
     */
    Pending start(Runnable awaitTopics) {
        Pending pending = new Pending();
        Thread thread = new Thread(() -> {
            try {
                pending.result.complete(read(pending, awaitTopics));
            } catch (Throwable t) {
                pending.result.completeExceptionally(t);
            }
        }, "logdoctor-offsets-reader");
        thread.setDaemon(true); // a shipper stopping meanwhile does not wait for a read nobody needs
        thread.start();
        return pending;
    }

    private Offsets read(Pending pending, Runnable awaitTopics) {
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
        // Parsed while the fence went up; reused where that record is still the last of its key.
        Map<ConsumerRecord<String, byte[]>, Object> parsed = new HashMap<>();
        long[] records = {0};
        long[] steps = new long[5]; // consumer made, read before the fence, fence up, read to the end, closed
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        pending.consumer = consumer;
        try {
            if (pending.fence.isCompletedExceptionally()) {
                return null; // cancelled while the consumer was made (too early for a wakeup): nobody waits for it
            }
            steps[0] = System.nanoTime();
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.SHIPPER_OFFSETS, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                awaitTopics.run(); // a first start: the topics are being created meanwhile
                infos = consumer.partitionsFor(Topics.SHIPPER_OFFSETS, TIMEOUT);
            }
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + Topics.SHIPPER_OFFSETS + " does not exist; create the "
                        + "pipeline's topics first (logdoctor shipper does)");
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed the end offsets are the last stable offsets: nothing still open counts. Before
            // the fence the previous instance may yet commit, so this end is only a first stretch.
            readTo(consumer, partitions, last, records);
            last.values().forEach(r -> parsed.put(r, parseOrFailure(r)));
            steps[1] = System.nanoTime();
            pending.fence.join();
            steps[2] = System.nanoTime();
            readTo(consumer, partitions, last, records);
            steps[3] = System.nanoTime();
        } finally {
            pending.consumer = null;
            // No group, nothing committed, nothing in flight worth waiting for: a plain close waited 0.1-0.5 s.
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
        steps[4] = System.nanoTime();
        Map<String, FileCheckpoint> found = new HashMap<>();
        Map<String, byte[]> sources = new HashMap<>();
        last.forEach((fullKey, r) -> {
            String key = fullKey.substring(prefix.length());
            if (r.value() == null) {
                return; // a tombstone: deleted
            }
            if (key.contains("/")) { // another source's namespace: not a file
                sources.put(key, r.value());
                return;
            }
            Object checkpoint = parsed.containsKey(r) ? parsed.get(r) : parseOrFailure(r);
            if (checkpoint instanceof RuntimeException e) {
                throw e; // only a last value that does not parse fails; an earlier one was superseded
            }
            found.put(key, (FileCheckpoint) checkpoint);
        });
        long now = System.nanoTime();
        log.info("restored {} file and {} other checkpoints of {} from {} ({} records) in {} ms (consumer made {}, "
                        + "read before the fence {}, waited for the fence {}, read to the end {}, closed {}, parsed {})",
                found.size(), sources.size(), prefix, Topics.SHIPPER_OFFSETS, records[0], millis(started, now),
                millis(started, steps[0]), millis(steps[0], steps[1]), millis(steps[1], steps[2]), millis(steps[2], steps[3]),
                millis(steps[3], steps[4]), millis(steps[4], now));
        return new Offsets(found, sources);
    }

    /** Polls until every partition's position reaches the end offsets taken now; keeps the last record per key. */
    private void readTo(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                        Map<String, ConsumerRecord<String, byte[]>> last, long[] records) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                records[0]++;
                if (r.key() != null && r.key().startsWith(prefix)) {
                    last.put(r.key(), r);
                }
            }
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** A file checkpoint, or the exception saying why it is not one (thrown only if it is still the last value). */
    private Object parseOrFailure(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null || r.key().substring(prefix.length()).contains("/")) {
            return null; // a tombstone, or another source's JSON: not parsed here
        }
        try {
            FileCheckpoint checkpoint = Json.MAPPER.readValue(r.value(), FileCheckpoint.class);
            if (checkpoint.version() != FileCheckpoint.VERSION) {
                return new IllegalStateException("checkpoint " + r.key() + " has version " + checkpoint.version()
                        + "; this shipper reads version " + FileCheckpoint.VERSION);
            }
            return checkpoint;
        } catch (IOException e) {
            return new IllegalStateException("checkpoint " + r.key() + " at " + r.partition() + "/" + r.offset()
                    + " is not valid: " + e.getMessage(), e);
        }
    }
}
