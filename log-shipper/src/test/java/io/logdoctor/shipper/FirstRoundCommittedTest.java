package io.logdoctor.shipper;

import io.logdoctor.shipper.files.PodLogScanner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LogShipper#whenFirstRoundCommitted()}: what the launcher's class-data training waits for, a restart's
 * first commit (checkpoints restored), told apart from a first start's (none).
 */
class FirstRoundCommittedTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:00:00Z"));

    private LogShipper start(RecordingSink sink) {
        ShipperConfig config = ShipperConfig.defaults("unused:9092", dir.resolve("pods"), dir.resolve("state"));
        ShipperMetrics metrics = new ShipperMetrics(clock);
        ShipperLoop loop = new ShipperLoop(new PodLogScanner(dir.resolve("pods")), sink, config, clock, metrics, List.of());
        return LogShipper.start(loop, sink, Duration.ofMillis(50), metrics);
    }

    @Test
    void shouldCountTheCheckpointsRestoredBeforeTheFirstCommit() throws Exception {
        Path file = dir.resolve("pods/shop_api-7d9f_0f6e2a4c-5b7d-4e8f-9a1b-2c3d4e5f6a7b/api/0.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "2024-03-01T09:59:00.000000000Z stdout F served /items\n");
        RecordingSink sink = new RecordingSink();

        LogShipper first = start(sink);
        int fresh = first.whenFirstRoundCommitted().get(60, TimeUnit.SECONDS);
        first.close();
        LogShipper restarted = start(sink); // the same sink: it holds what the first one committed
        int restored = restarted.whenFirstRoundCommitted().get(60, TimeUnit.SECONDS);
        restarted.close();

        assertEquals(0, fresh, "a first start restored checkpoints");
        assertEquals(1, restored, "the restart's first round did not count the file's checkpoint");
    }
}
