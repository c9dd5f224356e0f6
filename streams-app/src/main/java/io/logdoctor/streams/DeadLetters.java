package io.logdoctor.streams;

import io.logdoctor.records.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a record that cannot be diagnosed goes: logs.dlq, with the reason, whatever stage failed.
 * Kafka Streams calls it for the three kinds of failure (KIP-1033 processing, KIP-1034 dead-letter
 * records, and the older deserialization and production hooks), so no record can stop a stream thread
 * and none is dropped silently: each is counted by reason and logged (rate-limited).
 *
 * <p>The DLQ record carries the original {@code logs.raw} key and bytes ({@code sourceRawKey/Value}), and
 * the headers {@code __streams.errors.*} that Kafka Streams' own handlers write, plus
 * {@code __logdoctor.reason}: one of {@link #REASONS}.
 *
 * <p>Under exactly-once (as the app runs) a record the producer or the broker refuses fails the whole
 * transaction, whatever the production handler answers: the task is reprocessed and fails again. So the
 * app never produces what could be refused (bounded match events, {@link DiagnosisSize}, dead letters cut
 * to fit), and the production handler is the last resort: it still dead-letters and counts, and a thread
 * that keeps dying shows on /readyz.
 */
public final class DeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {

    /** The config key under which {@link DiagnosisApp} hands the app's counters to the handler instances Streams makes. */
    static final String COUNTER_CONFIG = "logdoctor.dead.letters.counter";
    static final String REASON_HEADER = "__logdoctor.reason";
    /** undecodable: not JSON or wrong types; rejected: decoded but not a log record; processing and production: a stage failed. */
    static final List<String> REASONS = List.of("undecodable", "rejected", "processing", "production");

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final RateLimitedLog RATE_LIMITED = new RateLimitedLog(log, 60_000);
    /** Headers hold only the start of a message: a hostile value can be quoted in it. */
    private static final int MESSAGE_CHARS = 1024;
    /**
     * A dead letter must never be refused itself: under exactly-once that fails the whole transaction and
     * the record comes back forever. So it stays under the producer's and logs.dlq's 8 MiB, with room for headers.
     */
    static final int MAX_VALUE_BYTES = Topics.MAX_RECORD_BYTES - 64 * 1024;
    private static final int MAX_KEY_BYTES = 16 * 1024;
    /** Set, to the original length in bytes, on a dead letter whose value was cut. */
    static final String CUT_HEADER = "__logdoctor.cut";

    private DeadLetterCounter counter = DeadLetterCounter.NONE;
    private String topic = Topics.LOGS_DLQ.name();

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(COUNTER_CONFIG) instanceof DeadLetterCounter c) {
            counter = c;
        }
        if (configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG) instanceof String t) {
            topic = t;
        }
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                                Exception exception) {
        return DeserializationExceptionHandler.Response.resume(
                deadLetter("undecodable", context, record.key(), record.value(), exception));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String reason = exception instanceof RejectedRecordException ? "rejected" : "processing";
        return ProcessingExceptionHandler.Response.resume(
                deadLetter(reason, context, context.sourceRawKey(), context.sourceRawValue(), exception));
    }

    @Override
    public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                           Exception exception) {
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandler.Response.retry(); // the broker is slow or away: that is no bad record
        }
        if (topic.equals(record.topic())) {
            // The dead letter itself failed: say so loudly, but never loop on it.
            counter.deadLettered("dlq-failed");
            log.error("could not write a record to {} ({}); it is lost from the DLQ, its source was {}-{}@{}",
                    topic, exception, context.topic(), context.partition(), context.offset());
            return ProductionExceptionHandler.Response.resume();
        }
        return ProductionExceptionHandler.Response.resume(deadLetter("production", context, context.sourceRawKey(),
                context.sourceRawValue(), exception));
    }

    @Override
    @SuppressWarnings("rawtypes") // the interface's own signature
    public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record,
                                                                        Exception exception, SerializationExceptionOrigin origin) {
        return ProductionExceptionHandler.Response.resume(deadLetter("production", context, context.sourceRawKey(),
                context.sourceRawValue(), exception));
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetter(String reason, ErrorHandlerContext context, byte[] key, byte[] value,
                                                            Exception exception) {
        counter.deadLettered(reason);
        String message = cut(String.valueOf(exception.getMessage()));
        RATE_LIMITED.warn("record of {}-{}@{} sent to {} ({}): {}: {}", context.topic(), context.partition(), context.offset(),
                topic, reason, exception.getClass().getName(), message);
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(topic, null, null, cut(key, MAX_KEY_BYTES), cut(value, MAX_VALUE_BYTES));
        if (context.headers() != null) {
            context.headers().forEach(h -> dead.headers().add(h));
        }
        header(dead, REASON_HEADER, reason);
        if (value != null && value.length > MAX_VALUE_BYTES) {
            header(dead, CUT_HEADER, String.valueOf(value.length)); // the whole record stays on its topic, at the offset below
        }
        header(dead, "__streams.errors.exception", exception.getClass().getName());
        header(dead, "__streams.errors.message", message);
        header(dead, "__streams.errors.topic", context.topic());
        header(dead, "__streams.errors.partition", String.valueOf(context.partition()));
        header(dead, "__streams.errors.offset", String.valueOf(context.offset()));
        header(dead, "__streams.errors.processor", context.processorNodeId());
        return List.of(dead);
    }

    private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] cut(byte[] bytes, int max) {
        return bytes == null || bytes.length <= max ? bytes : Arrays.copyOf(bytes, max);
    }

    private static String cut(String message) {
        return message.length() <= MESSAGE_CHARS ? message
                : message.substring(0, MESSAGE_CHARS) + "...(" + (message.length() - MESSAGE_CHARS) + " more chars)";
    }
}
