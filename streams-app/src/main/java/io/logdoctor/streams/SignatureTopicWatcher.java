package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows the compacted signatures topic from its start, in every instance (no consumer group: each
 * instance reads every record), and swaps the app's catalogue for each valid change. An invalid
 * record is logged and counted; it never stops the app, and the previous version keeps working.
 */
final class SignatureTopicWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SignatureTopicWatcher.class);

    private final KafkaConsumer<String, String> consumer;
    private final CatalogUpdater updater;
    private final CatalogHolder holder;
    private final AtomicLong rejected = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    SignatureTopicWatcher(String bootstrapServers, Map<String, String> kafkaProperties, CatalogUpdater updater,
                          CatalogHolder holder) {
        Map<String, Object> config = new HashMap<>(kafkaProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        this.updater = updater;
        this.holder = holder;
        this.thread = new Thread(this::run, "logdoctor-signatures");
        this.thread.setDaemon(true);
    }

    /** Reads the topic up to its current end, so the app starts with the pushed catalogue, then follows it. */
    void start(Duration catchUpTimeout) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SIGNATURES.name(), catchUpTimeout).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, catchUpTimeout);
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue()) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(this::apply);
        }
        thread.start();
    }

    /** Records of the topic that were refused. */
    long rejected() {
        return rejected.get();
    }

    private void run() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(500)).forEach(this::apply);
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            log.error("signature watcher stopped; the catalogue stays at version {}", holder.version().number(), e);
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        String origin = "topic@" + record.partition() + ":" + record.offset();
        try {
            SignatureCatalog catalog = updater.apply(record.key(), record.value(), origin);
            holder.swap(catalog, updater.origins());
            log.info("signature {} {} ({}); catalogue version {} has {} signatures", record.key(),
                    record.value() == null ? "deleted" : "loaded", origin, holder.version().number(), catalog.signatures().size());
        } catch (Exception e) {
            rejected.incrementAndGet();
            log.error("signature {} rejected ({}): {}; keeping catalogue version {}", record.key(), origin, e.getMessage(),
                    holder.version().number());
        }
    }

    @Override
    public void close() {
        running = false;
        if (!thread.isAlive()) {
            consumer.close(); // never started, or already stopped: nobody else holds the consumer
            return;
        }
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
