package io.logdoctor.shipper.torture;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the topic under read_committed (what a downstream consumer sees) from where it ended when the
 * case began, and counts per container which numbered lines arrived and how often. It only looks for
 * {@code tort:<run>:<container>:<seq>:} in the record's value, so a shipper's JSON record and rsyslog's
 * raw line count alike. Runs on its own thread; the figures are read under its lock.
 */
final class Counter implements Runnable, AutoCloseable {

    private static final Pattern TOKEN = Pattern.compile("tort:([^:]+):([^:]+):(\\d+):");

    private final KafkaConsumer<String, byte[]> consumer;
    private final String run;
    private final Map<String, BitSet> seen = new HashMap<>();
    private final Map<String, Long> duplicated = new HashMap<>();
    private long lastProgress = System.nanoTime();
    private volatile boolean closed;

    Counter(String bootstrap, String topic, String run) {
        this.run = run;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024)),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, before the shipper writes
    }

    @Override
    public void run() {
        while (!closed) {
            try {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    count(new String(r.value(), StandardCharsets.UTF_8));
                }
            } catch (WakeupException e) {
                return;
            }
        }
    }

    private synchronized void count(String value) {
        Matcher m = TOKEN.matcher(value);
        while (m.find()) { // a shipper that joins lines into one record still gets each counted
            if (!m.group(1).equals(run)) {
                continue;
            }
            BitSet bits = seen.computeIfAbsent(m.group(2), c -> new BitSet());
            int seq = Integer.parseInt(m.group(3));
            if (bits.get(seq)) {
                duplicated.merge(m.group(2), 1L, Long::sum);
            } else {
                bits.set(seq);
                lastProgress = System.nanoTime();
            }
        }
    }

    /** Distinct lines of {@code container} received. */
    synchronized long received(String container) {
        BitSet bits = seen.get(container);
        return bits == null ? 0 : bits.cardinality();
    }

    /** Extra copies of lines of {@code container} received. */
    synchronized long duplicated(String container) {
        return duplicated.getOrDefault(container, 0L);
    }

    /** Lines below {@code expected} that never arrived, as ranges {@code a-b} (the first {@code most}). */
    synchronized String missing(String container, long expected, int most) {
        BitSet bits = seen.getOrDefault(container, new BitSet());
        StringBuilder out = new StringBuilder();
        int ranges = 0;
        for (int from = bits.nextClearBit(0); from < expected; from = bits.nextClearBit(from)) {
            int to = (int) Math.min(expected, bits.nextSetBit(from) < 0 ? expected : bits.nextSetBit(from));
            if (ranges++ < most) {
                out.append(out.isEmpty() ? "" : " ").append(from).append(to - 1 == from ? "" : "-" + (to - 1));
            }
            from = to;
        }
        return ranges > most ? out + " (+" + (ranges - most) + " more ranges)" : out.toString();
    }

    /** Milliseconds since a line arrived for the first time. */
    synchronized long quietMillis() {
        return (System.nanoTime() - lastProgress) / 1_000_000;
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
    }

    /** Closes the consumer; call from the thread that ran {@link #run} or after it ended. */
    void release() {
        consumer.close(Duration.ofSeconds(5));
    }
}
