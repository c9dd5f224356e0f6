package io.logdoctor.shipper;

import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topic;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Produces records into {@code logs.raw}, keyed by {@link LogRecord#streamKey()} so that one stream's
 * lines stay in order on one partition.
 *
 * <p>The producer is idempotent with {@code acks=all}: retries neither lose nor duplicate a record
 * within a session. A failed send is never ignored: the first failure is kept, logged, and thrown from
 * every later {@link #send} and {@link #flush}, so no checkpoint moves past a record Kafka does not have.
 */
final class KafkaSink implements LogSink {

    private static final Logger log = LoggerFactory.getLogger(KafkaSink.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, LogRecord> producer;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    KafkaSink(Producer<String, LogRecord> producer, String topic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    /** A sink with a real producer for {@code config}, writing to {@link Topics#LOGS_RAW}. */
    static KafkaSink create(ShipperConfig config) {
        Topic<String, LogRecord> raw = Topics.LOGS_RAW;
        KafkaProducer<String, LogRecord> producer = new KafkaProducer<>(producerProperties(config),
                raw.keySerde().serializer(), raw.valueSerde().serializer());
        return new KafkaSink(producer, raw.name());
    }

    /**
     * The producer settings: tuning defaults, then the configured pass-through properties (SASL, TLS,
     * tuning), then what the shipper's guarantees depend on, which cannot be overridden.
     */
    static Map<String, Object> producerProperties(ShipperConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "logdoctor-shipper-" + config.node());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
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
    public void send(LogRecord record) {
        throwIfFailed();
        producer.send(new ProducerRecord<>(topic, record.streamKey(), record), (metadata, exception) -> {
            if (exception != null && failure.compareAndSet(null, exception)) {
                log.error("send to {} failed for {} at {}:{}; the shipper stops: {}",
                        topic, record.streamKey(), record.file(), record.offset(), exception.toString());
            }
        });
    }

    @Override
    public void flush() {
        throwIfFailed();
        producer.flush();
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new SinkFailedException("a send to " + topic + " failed: " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close(failure.get() == null ? CLOSE_TIMEOUT : Duration.ZERO);
    }
}
