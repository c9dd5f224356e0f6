package io.logdoctor.shipper;

import io.logdoctor.shipper.files.PodLogScanner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LogShipper#whenShippedAfterRestore()}: what the launcher's class-data training waits for, lines committed by
 * a restart (checkpoints restored), told apart from a first start's.
 */
class ShippedAfterRestoreTest {

    @TempDir
    Path dir;

    /** The real clock: the multi-line joiner sends a file's last line once it has been quiet for a second. */
    private final Clock clock = Clock.systemUTC();

    private LogShipper start(RecordingSink sink) {
        ShipperConfig config = ShipperConfig.defaults("unused:9092", dir.resolve("pods"), dir.resolve("state"));
        ShipperMetrics metrics = new ShipperMetrics(clock);
        ShipperLoop loop = new ShipperLoop(new PodLogScanner(dir.resolve("pods")), sink, config, clock, metrics, List.of());
        return LogShipper.start(loop, sink, Duration.ofMillis(50), metrics);
    }

    private static void append(Path file, String message) throws Exception {
        Files.writeString(file, "2024-03-01T09:59:00.000000000Z stdout F " + message + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Test
    void shouldCompleteOnlyWhenARestartHasShipped() throws Exception {
        Path file = dir.resolve("pods/shop_api-7d9f_0f6e2a4c-5b7d-4e8f-9a1b-2c3d4e5f6a7b/api/0.log");
        Files.createDirectories(file.getParent());
        append(file, "served /items");
        RecordingSink sink = new RecordingSink();

        LogShipper first = start(sink);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (first.linesShipped() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        first.close(); // its thread has ended: nothing completes the future after this
        append(file, "served /orders"); // written while no shipper ran
        LogShipper restarted = start(sink); // the same sink: it holds what the first one committed
        restarted.whenShippedAfterRestore().get(60, TimeUnit.SECONDS);
        restarted.close();

        assertTrue(first.linesShipped() >= 1, "the first start shipped nothing");
        assertFalse(first.whenShippedAfterRestore().isDone(), "a first start (nothing restored) completed it");
        assertTrue(restarted.linesShipped() >= 1);
    }
}
