package io.logdoctor.shipper.sink;

import io.logdoctor.shipper.ShipperMetrics;

import io.logdoctor.records.LogRecord;
import io.logdoctor.records.LogRecordJson;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends records to {@code logs.raw} for a sink and keeps its first failure, whether the send call threw or
 * the producer's I/O thread reported it later in the callback: the sink throws it from every later call
 * until it is {@link #clear}ed, so a failed send is never ignored. Only the loop's thread sends.
 */
final class RecordSender {

    private static final Logger log = LoggerFactory.getLogger(RecordSender.class);

    private final String topic = Topics.LOGS_RAW.name();
    private final LogRecordJson values = new LogRecordJson();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final ShipperMetrics metrics;
    private final String next;

    /** @param next what the shipper does after a failed send, for the log line */
    RecordSender(ShipperMetrics metrics, String next) {
        this.metrics = metrics;
        this.next = next;
    }

    String topic() {
        return topic;
    }

    /** Sends {@code record}, keyed by its stream; false when the send call itself failed (now {@link #failure}). */
    @SuppressWarnings("FutureReturnValueIgnored") // the callback hears every outcome; the future would say it again
    boolean send(Producer<String, byte[]> producer, LogRecord record) {
        try {
            producer.send(new ProducerRecord<>(topic, record.streamKey(), values.write(record)),
                    (metadata, exception) -> {
                        if (exception != null && failure.compareAndSet(null, exception)) {
                            metrics.kafkaErrors.increment();
                            log.error("send to {} failed for {} at {}:{}; {}: {}", topic, record.streamKey(),
                                    record.file(), record.offset(), next, exception.toString());
                        }
                    });
            return true;
        } catch (RuntimeException e) { // buffer full for max.block.ms, the producer closed or fenced, ...
            failed(e);
            return false;
        }
    }

    /** Keeps {@code e} unless a failure is kept already, and counts it. */
    void failed(Exception e) {
        failure.compareAndSet(null, e);
        metrics.kafkaErrors.increment();
    }

    /** The first failure since the last {@link #clear}, or null. */
    Exception failure() {
        return failure.get();
    }

    void clear() {
        failure.set(null);
    }
}
