package io.logdoctor.shipper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogShipperTest {

    @TempDir
    Path dir;

    private final RecordingSink sink = new RecordingSink();

    @Test
    void shouldStopAndSurfaceFailureWhenSinkFails() throws IOException {
        Path file = dir.resolve("pods/default_web-0_5f3c1b2a-9d4e-4f6a-8b7c-0123456789ab/app/0.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "2024-03-01T10:15:30Z stdout F hello\n");
        sink.failNextFlush = true;

        LogShipper shipper = LogShipper.start(loop(), sink, Duration.ofMillis(10));

        CompletionException stopped = assertThrows(CompletionException.class, () -> shipper.whenStopped().join());
        assertInstanceOf(LogSink.SinkFailedException.class, stopped.getCause());
        IllegalStateException closed = assertThrows(IllegalStateException.class, shipper::close);
        assertInstanceOf(LogSink.SinkFailedException.class, closed.getCause());
        assertEquals(0, shipper.linesShipped());
        assertTrue(sink.closed);
        assertFalse(Files.exists(dir.resolve("state/checkpoints.json")));
    }

    @Test
    void shouldCloseOnceAndAcceptRepeatedClose() throws IOException {
        LogShipper shipper = LogShipper.start(loop(), sink, Duration.ofMillis(10));

        shipper.close();
        shipper.close();

        assertTrue(sink.closed);
        assertTrue(shipper.whenStopped().isDone());
        assertFalse(shipper.whenStopped().isCompletedExceptionally());
    }

    private ShipperLoop loop() throws IOException {
        ShipperConfig config = ShipperConfig.defaults("broker:9092", dir.resolve("pods"), dir.resolve("state"));
        return new ShipperLoop(new PodLogScanner(config.podsRoot()), sink, new Checkpointer(config.stateDir()),
                config, Clock.systemUTC());
    }
}
