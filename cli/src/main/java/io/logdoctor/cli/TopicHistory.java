package io.logdoctor.cli;

import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads the retained history of a topic once, as a bystander: every partition assigned by hand (no
 * consumer group, nothing committed), {@code read_committed} so aborted transactions are skipped, from
 * a time ({@code offsetsForTimes}) or given offsets up to the end offsets seen at the start, so a busy
 * topic still ends. {@link #logRecords} decodes logs.raw; a record that is no log record is counted.
 */
final class TopicHistory {

    /** Where to start in each partition: by time, or by offset (one for all, or per partition). */
    record Start(Instant from, Long offset, Map<Integer, Long> offsets) {
    }

    private static final Duration POLL = Duration.ofMillis(500);
    /** How long reading may make no progress before it gives up, naming the partitions it waits for. */
    private static final Duration STALL = Duration.ofSeconds(60);

    private final Map<String, Object> config = new HashMap<>();
    long undecodable;

    TopicHistory(String bootstrap, Map<String, String> kafkaProperties) {
        config.putAll(kafkaProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_RECORD_BYTES);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    }

    /** Start at the beginning of every partition. */
    static final Start EARLIEST = new Start(null, 0L, null);

    /**
     * Feeds every log record of logs.raw from {@code start} to the end offsets of now whose JSON text
     * {@code mayMatter} admits (the rest are never decoded); returns how many were read.
     */
    long logRecords(Start start, Predicate<byte[]> mayMatter, Consumer<LogRecord> sink) throws IOException {
        // -Dlogdoctor.raw.prefilter=off decodes every record, as the streams app then does: to measure the difference
        boolean rawTest = !"off".equals(System.getProperty("logdoctor.raw.prefilter", "on"));
        return read(Topics.LOGS_RAW.name(), start, r -> {
            // the predicate searches the literals JSON-escaped in the bytes (SignatureMatcher#mayMatchInJson): no decoding
            if (rawTest && r.value() != null && !mayMatter.test(r.value())) {
                return;
            }
            LogRecord record = decode(r.value());
            if (record != null) {
                sink.accept(record);
            }
        });
    }

    /** Feeds every record of {@code topic} from {@code start} to the end offsets of now; returns how many. */
    long read(String topic, Start start, Consumer<ConsumerRecord<byte[], byte[]>> sink) throws IOException {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IOException("topic " + topic + " does not exist on this cluster");
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            seek(consumer, partitions, start, end);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition p : partitions) {
                if (consumer.position(p) < end.get(p)) {
                    remaining.put(p, end.get(p));
                }
            }
            long read = 0;
            long lastProgress = System.nanoTime();
            while (!remaining.isEmpty()) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
                if (!batch.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new IOException(topic + ": no record for " + STALL.toSeconds() + " s while partitions " + remaining
                            + " (partition=end offset) are unfinished; is the cluster reachable?");
                }
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    TopicPartition p = new TopicPartition(r.topic(), r.partition());
                    Long stop = remaining.get(p);
                    if (stop == null || r.offset() >= stop) {
                        continue;
                    }
                    read++;
                    sink.accept(r);
                }
                // past the last record a transaction marker may sit: the position, not a record, says we are done
                remaining.keySet().removeIf(p -> consumer.position(p) >= remaining.get(p));
            }
            return read;
        }
    }

    private LogRecord decode(byte[] value) {
        if (value == null) {
            undecodable++;
            return null;
        }
        try {
            LogRecord r = Json.MAPPER.readValue(value, LogRecord.class);
            if (r == null || r.line() == null) {
                undecodable++;
                return null;
            }
            return r;
        } catch (IOException e) {
            undecodable++;
            return null;
        }
    }

    private static void seek(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Start start,
                             Map<TopicPartition, Long> end) {
        if (start.from() != null) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, start.from().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp o = found.get(p);
                consumer.seek(p, o == null ? end.get(p) : o.offset()); // null: nothing that recent
            }
            return;
        }
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        for (TopicPartition p : partitions) {
            Long wanted = start.offsets() != null ? start.offsets().get(p.partition()) : start.offset();
            long offset = wanted == null ? end.get(p) : Math.max(beginning.get(p), Math.min(wanted, end.get(p)));
            consumer.seek(p, offset);
        }
    }
}
