package io.logdoctor.shipper;

import io.logdoctor.shipper.files.PodLogScanner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-line joiner's quiet time after a restart (issue 11 point 6): the last line of a file, written a while
 * before the shipper read it and nothing after, is sent in the first round (its quiet time ran while no shipper
 * was there); a line just written still waits for a continuation, and one that comes is joined.
 */
class RestartQuietTimeTest {

    private static final String POD = "shop_api-7d9f_0f6e2a4c-5b7d-4e8f-9a1b-2c3d4e5f6a7b";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:00:00Z"));

    private ShipperLoop loop(RecordingSink sink) {
        ShipperConfig config = ShipperConfig.defaults("unused:9092", dir.resolve("pods"), dir.resolve("state"));
        return new ShipperLoop(new PodLogScanner(dir.resolve("pods")), sink, config, clock, new ShipperMetrics(clock), List.of());
    }

    private Path log(String container) throws Exception {
        Path file = dir.resolve("pods").resolve(POD).resolve(container).resolve("0.log");
        Files.createDirectories(file.getParent());
        return file;
    }

    private static void append(Path file, String message) throws Exception {
        Files.writeString(file, "2024-03-01T09:59:00.000000000Z stdout F " + message + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void aLineWrittenBeforeTheShipperStartedIsSentInTheFirstRound() throws Exception {
        Path old = log("api");
        append(old, "served /items");
        // Written 10 s ago (the default quiet time is 1 s): a shipper restarting now has nothing to wait for.
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofSeconds(10))));
        RecordingSink sink = new RecordingSink();
        try (ShipperLoop loop = loop(sink)) {
            loop.runOnce();
            assertEquals(List.of("served /items"), sink.lines());
        }
    }

    @Test
    void aLineJustWrittenStillWaitsForItsContinuation() throws Exception {
        Path fresh = log("worker");
        append(fresh, "java.lang.IllegalStateException: boom");
        RecordingSink sink = new RecordingSink();
        try (ShipperLoop loop = loop(sink)) {
            loop.runOnce();
            assertEquals(List.of(), sink.lines(), "held: its continuation may come yet");
            append(fresh, "\tat io.example.Worker.run(Worker.java:42)");
            clock.advance(Duration.ofMillis(100));
            loop.runOnce();
            clock.advance(Duration.ofSeconds(2));
            loop.runOnce();
            assertEquals(List.of("java.lang.IllegalStateException: boom\n\tat io.example.Worker.run(Worker.java:42)"), sink.lines());
        }
    }
}
