package io.logdoctor.shipper;

import io.logdoctor.shipper.files.PodLogScanner;

import io.logdoctor.records.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pod log line whose CRI timestamp java.time accepts but the pipeline cannot do arithmetic on (issue 10:
 * {@code +999999999-12-31T23:59:59.999999999+18:00} overflowed epoch millis in the streams app) is shipped
 * with the read time, flagged and counted; the line itself is kept.
 */
class TimestampRangeTest {

    @TempDir
    Path dir;

    @Test
    void shouldReplaceOutOfRangeTimestampsByTheReadTimeAndFlagThem() throws Exception {
        Path log = dir.resolve("pods/shop_api-7d9f_0f6e2a4c-5b7d-4e8f-9a1b-2c3d4e5f6a7b/api/0.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, String.join("\n",
                "2024-03-01T10:00:00.000000000Z stdout F normal",
                "+999999999-12-31T23:59:59.999999999+18:00 stdout F far future",
                "0001-01-01T00:00:00Z stdout F before the epoch",
                "2024-03-01T12:00:00.5+02:00 stdout F offset form, in range") + "\n", StandardCharsets.UTF_8);
        Instant readAt = Instant.parse("2024-03-01T10:00:05Z");
        MutableClock clock = new MutableClock(readAt);
        ShipperMetrics metrics = new ShipperMetrics(clock);
        RecordingSink sink = new RecordingSink();
        ShipperConfig config = ShipperConfig.defaults("unused:9092", dir.resolve("pods"), dir.resolve("state"));
        try (ShipperLoop loop = new ShipperLoop(new PodLogScanner(dir.resolve("pods")), sink, config, clock, metrics, List.of())) {
            loop.scanSoon();
            loop.runOnce();
            clock.advance(Duration.ofSeconds(2)); // the multi-line joiner lets the last line go after its quiet time
            loop.runOnce();
        }

        List<LogRecord> records = sink.committed;
        assertEquals(List.of("normal", "far future", "before the epoch", "offset form, in range"),
                records.stream().map(LogRecord::line).toList());
        assertEquals("2024-03-01T10:00:00.000000000Z", records.get(0).ts());
        assertNull(records.get(0).tsInvalid());
        for (LogRecord flagged : records.subList(1, 3)) {
            assertEquals(Boolean.TRUE, flagged.tsInvalid(), flagged.toString());
            assertEquals(readAt, Instant.parse(flagged.ts()));
        }
        assertEquals("2024-03-01T12:00:00.5+02:00", records.get(3).ts());
        assertNull(records.get(3).tsInvalid());
        assertTrue(metrics.render().contains("logdoctor_shipper_ts_replaced_total 2.0\n"), metrics.render());
    }
}
