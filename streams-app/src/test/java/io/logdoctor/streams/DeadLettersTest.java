package io.logdoctor.streams;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What still fails when a record is produced goes to logs.dlq with the reason, and the thread goes on. */
class DeadLettersTest {

    /** The context Kafka Streams hands a handler: the source record of logs.raw that was being processed. */
    private record Context(String topic, int partition, long offset, Headers headers, String processorNodeId, TaskId taskId,
                           long timestamp, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {
    }

    private final List<String> counted = new ArrayList<>();
    private final DeadLetters handler = new DeadLetters();
    private final Context context = new Context("logs.raw", 2, 41, new RecordHeaders(), "matches-repartition-sink",
            new TaskId(0, 2), 0L, bytes("it/ns/pod/c"), bytes("{\"line\":\"huge\"}"));

    DeadLettersTest() {
        handler.configure(Map.of(DeadLetters.COUNTER_CONFIG, (DeadLetterCounter) counted::add));
    }

    @Test
    void shouldSendTheSourceRecordOfARecordTooLargeToTheDlqWithTheReasonAndResume() {
        ProductionExceptionHandler.Response r = handler.handleError(context,
                new ProducerRecord<>("logdoctor-streams-matches-repartition", bytes("k"), new byte[16]),
                new RecordTooLargeException("The message is 1048911 bytes when serialized which is larger than 1048576"));

        assertEquals(ProductionExceptionHandler.Result.RESUME, r.result());
        ProducerRecord<byte[], byte[]> dead = r.deadLetterQueueRecords().get(0);
        assertEquals("logs.dlq", dead.topic());
        assertArrayEquals(context.sourceRawValue(), dead.value());
        assertArrayEquals(context.sourceRawKey(), dead.key());
        assertEquals("production", header(dead, DeadLetters.REASON_HEADER));
        assertEquals(RecordTooLargeException.class.getName(), header(dead, "__streams.errors.exception"));
        assertEquals("41", header(dead, "__streams.errors.offset"));
        assertEquals(List.of("production"), counted);
    }

    @Test
    void shouldRetryWhatTheBrokerMayStillTake() {
        assertEquals(ProductionExceptionHandler.Result.RETRY, handler.handleError(context,
                new ProducerRecord<>("diagnoses", bytes("k"), bytes("v")), new TimeoutException("slow broker")).result());
        assertEquals(List.of(), counted);
    }

    @Test
    void shouldNeverLoopOnADeadLetterThatFailsItself() {
        ProductionExceptionHandler.Response r = handler.handleError(context,
                new ProducerRecord<>("logs.dlq", bytes("k"), new byte[16]), new RecordTooLargeException("too large"));

        assertEquals(ProductionExceptionHandler.Result.RESUME, r.result());
        assertEquals(List.of(), r.deadLetterQueueRecords());
        assertEquals(List.of("dlq-failed"), counted);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
