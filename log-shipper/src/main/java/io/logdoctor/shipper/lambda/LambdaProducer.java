package io.logdoctor.shipper.lambda;

import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topic;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Produces one HTTP request's records into {@code logs.raw} and returns only when Kafka has
 * acknowledged every one of them, so the receiver can answer 200 and mean it.
 *
 * <p>The producer is idempotent with {@code acks=all}. A request whose records are not all acknowledged
 * fails as a whole and the sender (Firehose, or the Telemetry relay) retries it; the records that did
 * arrive the first time arrive again. Delivery is therefore at least once: a consumer that must not
 * count twice can dedupe on {@code deliveryId} plus the line (Firehose keeps the request id across
 * retries).
 */
final class LambdaProducer implements AutoCloseable {

    /**
     * Short on purpose: the receiver closes the producer after its request threads have finished, so no
     * sender still waits for an acknowledgement; anything unsent now was never answered 200 and will be
     * retried by its sender. A long wait would only delay shutdown while Kafka is down.
     */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private final Producer<String, LogRecord> producer;
    private final String topic;
    private final String cluster;
    private final LambdaCounters counters;
    private final Clock clock;

    LambdaProducer(Producer<String, LogRecord> producer, String topic, String cluster, LambdaCounters counters) {
        this(producer, topic, cluster, counters, Clock.systemUTC());
    }

    LambdaProducer(Producer<String, LogRecord> producer, String topic, String cluster, LambdaCounters counters, Clock clock) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.cluster = cluster;
        this.counters = Objects.requireNonNull(counters, "counters");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A producer for {@code config}, writing to {@link Topics#LOGS_RAW}. */
    static LambdaProducer create(LambdaConfig config, LambdaCounters counters) {
        Topic<String, LogRecord> raw = Topics.LOGS_RAW;
        KafkaProducer<String, LogRecord> producer = new KafkaProducer<>(properties(config),
                raw.keySerde().serializer(), raw.valueSerde().serializer());
        return new LambdaProducer(producer, raw.name(), config.cluster(), counters);
    }

    /**
     * The producer settings: tuning defaults, then the configured pass-through properties, then what the
     * receiver's guarantees depend on, which cannot be overridden.
     */
    static Map<String, Object> properties(LambdaConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "logdoctor-lambda-receiver");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A CloudWatch log event can be 256 KiB and grows when escaped into JSON; logs.raw accepts
        // batches up to Topics.MAX_RECORD_BYTES, so allow a record that large rather than fail it.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(Topics.MAX_RECORD_BYTES));
        // Firehose gives an endpoint 3 minutes to answer. A send may block for max.block.ms (no metadata)
        // and then wait up to delivery.timeout.ms: keep both well inside those 3 minutes, so a slow Kafka
        // gives Firehose a 500 to retry rather than a timeout.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "90000");
        props.putAll(config.kafkaProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    /**
     * Sends every record, keyed by its stream, and waits for each acknowledgement. A record whose time is
     * out of range ({@link io.logdoctor.records.Timestamps}) goes with the receive time and
     * {@code tsInvalid: true}, and is counted: both entry points (Firehose, Telemetry) pass here.
     *
     * @throws KafkaException when any record was not acknowledged, saying how many of how many
     */
    void produceAll(List<LogRecord> records) throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        Instant received = clock.instant();
        int replaced = 0;
        try {
            for (LogRecord record : records) {
                LogRecord labelled = withCluster(record).withCheckedTs(received);
                if (labelled.tsInvalid() != null && record.tsInvalid() == null) {
                    replaced++;
                }
                Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic, labelled.streamKey(), labelled));
                acks.add(ack);
                // With no metadata, send() blocks for max.block.ms and then returns an already failed
                // future instead of throwing: stop there, or a request of N records waits N times.
                if (ack.isDone() && failed(ack)) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // send() throws when it cannot queue the record at all (a record it cannot serialize, a
            // closed producer). Records queued before it may still arrive; the sender retries them.
            counters.kafkaError();
            throw new KafkaException("could not send record " + (acks.size() + 1) + " of " + records.size()
                    + " to " + topic + ": " + e.getMessage(), e);
        }
        int failed = 0;
        Throwable first = null;
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(); // bounded by delivery.timeout.ms
            } catch (ExecutionException e) {
                failed++;
                first = first == null ? e.getCause() : first;
            }
        }
        counters.produced(acks.size() - failed);
        counters.tsReplaced(replaced);
        failed += records.size() - acks.size(); // never sent
        if (failed > 0) {
            counters.kafkaError();
            throw new KafkaException(failed + " of " + records.size() + " records were not acknowledged by " + topic
                    + ": " + first, first);
        }
    }

    private static boolean failed(Future<RecordMetadata> done) throws InterruptedException {
        try {
            done.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private LogRecord withCluster(LogRecord r) {
        if (cluster == null || cluster.equals(r.cluster())) {
            return r;
        }
        return new LogRecord(r.ts(), r.source(), cluster, r.node(), r.namespace(), r.pod(), r.container(), r.stream(),
                r.logGroup(), r.logStream(), r.function(), r.requestId(), r.line(), r.file(), r.offset(),
                r.deliveryId(), r.truncated(), r.tsInvalid());
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
