package io.logdoctor.shipper.sink;

import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.shipper.ShipperMetrics;
import io.logdoctor.shipper.files.FileCheckpoint;

import io.logdoctor.records.LogRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The at-least-once sink: an idempotent producer into {@code logs.raw} (keyed by
 * {@link LogRecord#streamKey()} so one stream stays in order on one partition), and the checkpoints in
 * a file ({@link Checkpointer}) saved only after {@code flush()} confirmed every record before them.
 *
 * <p>A crash between the flush and the save sends the lines since the previous save again: duplicates,
 * never loss. It needs no transactions (and no ACL for them). A failed send is never ignored: it is
 * kept, logged, and thrown from every later call until {@link #abort} replaces the producer.
 */
public final class KafkaSink implements LogSink {

    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ProducerFactory factory;
    private final Checkpointer checkpointer;
    private final RecordSender sender;
    private Producer<String, byte[]> producer;
    private final Runnable awaitTopics;

    KafkaSink(ProducerFactory factory, Checkpointer checkpointer, ShipperMetrics metrics) {
        this(factory, checkpointer, metrics, () -> { });
    }

    /** @param awaitTopics returns once the topics exist (checked meanwhile on another thread) */
    KafkaSink(ProducerFactory factory, Checkpointer checkpointer, ShipperMetrics metrics, Runnable awaitTopics) {
        this.awaitTopics = awaitTopics;
        this.factory = Objects.requireNonNull(factory, "factory");
        this.checkpointer = checkpointer;
        this.sender = new RecordSender(metrics, "reading again from the last checkpoint");
        this.producer = factory.create();
    }

    /** A sink with a real producer for {@code config}. */
    public static KafkaSink create(ShipperConfig config, ShipperMetrics metrics, Runnable awaitTopics) {
        Map<String, Object> props = producerProperties(config);
        return new KafkaSink(() -> metrics.producer(new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())),
                new Checkpointer(config.stateDir()), metrics, awaitTopics);
    }

    /**
     * The producer settings: tuning defaults, then the configured pass-through properties (SASL, TLS,
     * tuning), then what the shipper's guarantees depend on, which cannot be overridden.
     */
    static Map<String, Object> producerProperties(ShipperConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "logdoctor-shipper-" + config.node());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // While Kafka is away a send or commit gives up after 5 s (not the default 60), so the loop comes round,
        // finds new files and keeps their descriptors: a copy made and deleted during an outage is still read.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // The producer's buffer is the shipper's bound on bytes in flight: when it is full, send() blocks
        // and reading stops until Kafka catches up (backpressure); nothing is dropped.
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(config.bufferBytes()));
        // The producer checks a record's uncompressed size against max.request.size (1 MiB by default),
        // and a line at the length limit grows in JSON: up to 6 bytes per input byte (\u0000 escapes)
        // plus metadata. Too small a limit would make one long line fail the shipper on every restart.
        // The broker's message.max.bytes still bounds the compressed batch.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                String.valueOf(Math.max(1024 * 1024, 6L * config.maxLineBytes() + 64 * 1024)));
        props.putAll(config.kafkaProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    @Override
    public Map<String, FileCheckpoint> restore() {
        awaitTopics.run(); // nothing is sent before the topics exist
        try {
            return checkpointer.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public void send(LogRecord record) {
        throwIfFailed();
        if (!sender.send(producer, record)) {
            throwIfFailed();
        }
    }

    @Override
    public void commit(Map<String, FileCheckpoint> all, Set<String> changed, Set<String> removed) {
        throwIfFailed();
        producer.flush();
        throwIfFailed();
        if (changed.isEmpty() && removed.isEmpty()) {
            return;
        }
        try {
            checkpointer.save(all);
        } catch (IOException e) {
            throw new SinkFailedException("cannot save checkpoints to " + checkpointer.file() + ": " + e, e, false);
        }
    }

    @Override
    public void abort() {
        // Records still in the old producer may or may not arrive: at least once, so they may repeat.
        producer.close(Duration.ZERO);
        sender.clear();
        producer = factory.create();
    }

    private void throwIfFailed() {
        Exception e = sender.failure();
        if (e != null) {
            throw new SinkFailedException("a send to " + sender.topic() + " failed: " + e, e, false);
        }
    }

    @Override
    public void close() {
        producer.close(sender.failure() == null ? CLOSE_TIMEOUT : Duration.ZERO);
    }
}
