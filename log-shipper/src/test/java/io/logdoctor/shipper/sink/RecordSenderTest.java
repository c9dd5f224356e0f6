package io.logdoctor.shipper.sink;

import io.logdoctor.shipper.ShipperMetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdoctor.records.LogRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failure latch both sinks send through, with a real producer that cannot deliver. */
class RecordSenderTest {

    private final ShipperMetrics metrics = new ShipperMetrics(Clock.systemUTC());
    private final RecordSender sender = new RecordSender(metrics, "reading again from the last checkpoint");
    private final LogRecord record = LogRecord.k8s("2026-12-06T10:00:00Z", "c1", "n1", "default", "web-1", "app",
            "stdout", "hello", "/var/log/pods/default_web-1_u/app/0.log", 0, false);

    @Test
    void shouldKeepTheFirstFailureThatTheProducerReportsLater() {
        try (Producer<String, byte[]> producer = producerToNowhere()) {
            // No broker answers: the producer gives up on the topic's metadata and reports it to the callback.
            assertTrue(sender.send(producer, record), "the send call itself did not throw");
            Exception first = sender.failure();
            assertInstanceOf(TimeoutException.class, first);
            assertEquals(1, metrics.kafkaErrors.sum());

            sender.send(producer, record);
            assertSame(first, sender.failure(), "the first failure is the one kept");
            assertEquals(1, metrics.kafkaErrors.sum(), "a later callback failure is not counted again");

            sender.clear();
            assertNull(sender.failure());
        }
    }

    @Test
    void shouldKeepAFailureOfTheSendCallItself() {
        Producer<String, byte[]> producer = producerToNowhere();
        producer.close(Duration.ZERO);

        assertFalse(sender.send(producer, record));
        assertInstanceOf(IllegalStateException.class, sender.failure(), "a closed producer refuses at once");
        assertEquals(1, metrics.kafkaErrors.sum());
    }

    @Test
    void shouldMakeTheAtLeastOnceSinkRefuseToCommitAfterAFailedSendUntilAborted(@TempDir Path state) {
        KafkaSink sink = new KafkaSink(RecordSenderTest::producerToNowhere, new Checkpointer(state), metrics);
        try {
            sink.send(record); // accepted; the producer reports the failure to the callback

            LogSink.SinkFailedException e = assertThrows(LogSink.SinkFailedException.class,
                    () -> sink.commit(Map.of(), Set.of("f"), Set.of()));
            assertTrue(e.getMessage().startsWith("a send to logs.raw failed: org.apache.kafka.common.errors.TimeoutException"),
                    e.getMessage());
            assertThrows(LogSink.SinkFailedException.class, () -> sink.send(record), "every later call, not just the next");
            assertFalse(Files.exists(state.resolve(Checkpointer.FILE_NAME)), "no checkpoint saved over a failed send");
            assertEquals(1, metrics.kafkaErrors.sum());

            sink.abort(); // a new producer, the failure forgotten: the loop reads again from the last checkpoint
            sink.commit(Map.of(), Set.of(), Set.of());
        } finally {
            sink.close();
        }
    }

    /** A real producer whose bootstrap port nothing listens on, that waits at most 200 ms for metadata. */
    private static Producer<String, byte[]> producerToNowhere() {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "200"), new StringSerializer(), new ByteArraySerializer());
    }
}
