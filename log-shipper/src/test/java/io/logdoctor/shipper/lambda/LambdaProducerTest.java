package io.logdoctor.shipper.lambda;

import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LambdaProducerTest {

    private final MockProducer<String, LogRecord> mock = new MockProducer<>(false, null,
            Topics.LOGS_RAW.keySerde().serializer(), Topics.LOGS_RAW.valueSerde().serializer());
    private final LambdaCounters counters = new LambdaCounters();
    private final LambdaProducer producer = new LambdaProducer(mock, "logs.raw", "prod-account", counters);

    @Test
    void shouldReturnOnlyAfterEveryRecordIsAcknowledgedAndKeyByStream() throws Exception {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> produce(List.of(line("a"), line("b"))));
        awaitSent(2);
        mock.completeNext();
        Thread.sleep(50);
        assertFalse(done.isDone(), "one record is still unacknowledged");

        mock.completeNext();
        done.get(5, TimeUnit.SECONDS);
        assertEquals(2, counters.recordsProduced());
        assertEquals("/aws/lambda/f/s", mock.history().get(0).key());
        assertEquals("prod-account", mock.history().get(0).value().cluster());
    }

    @Test
    void shouldFailTheWholeRequestWhenAnyRecordIsNotAcknowledged() throws Exception {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> produce(List.of(line("a"), line("b"), line("c"))));
        awaitSent(3);
        mock.completeNext();
        mock.errorNext(new KafkaException("NOT_ENOUGH_REPLICAS"));
        mock.completeNext();

        Throwable e = done.handle((ok, failure) -> failure).get(5, TimeUnit.SECONDS).getCause();
        assertTrue(e instanceof KafkaException, String.valueOf(e));
        assertTrue(e.getMessage().startsWith("1 of 3 records were not acknowledged by logs.raw"), e.getMessage());
        assertEquals(2, counters.recordsProduced());
        assertEquals(1, counters.kafkaErrors());
    }

    private void produce(List<LogRecord> records) {
        try {
            producer.produceAll(records);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitSent(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (mock.history().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(n, mock.history().size());
    }

    private static LogRecord line(String text) {
        return new LogRecord(null, LogRecord.SOURCE_LAMBDA, null, null, null, null, null, null,
                "/aws/lambda/f", "s", "f", null, text, null, null, "d", null);
    }
}
