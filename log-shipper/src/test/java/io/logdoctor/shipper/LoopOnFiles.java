package io.logdoctor.shipper;

import io.logdoctor.shipper.files.FileCheckpoint;
import io.logdoctor.shipper.files.PodLogScanner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ShipperLoop} over a real pod-log tree with an in-memory sink, for tests: numbered lines written, rounds
 * run on a test clock, kill -9 and restart from the committed checkpoints, and the exactly-once check.
 */
final class LoopOnFiles implements AutoCloseable {

    static final String POD = "shop_api-7d9f_0f6e2a4c-5b7d-4e8f-9a1b-2c3d4e5f6a7b";

    final Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:00:00Z"));
    final List<String> shipped = new ArrayList<>();
    ShipperMetrics metrics = new ShipperMetrics(clock);
    RecordingSink sink;
    ShipperLoop loop;
    private Map<String, FileCheckpoint> committedCheckpoints = new HashMap<>();
    /** How far the clock moves per round. */
    Duration roundTime = Duration.ofSeconds(1);
    private long next;

    LoopOnFiles(Path dir) {
        this.dir = dir;
    }

    /** The live log of {@code container} in the test pod. */
    Path log(String container) {
        return dir.resolve("pods").resolve(POD).resolve(container).resolve("0.log");
    }

    void startShipper() {
        sink = new RecordingSink();
        sink.checkpoints.putAll(committedCheckpoints);
        ShipperConfig config = ShipperConfig.defaults("unused:9092", dir.resolve("pods"), dir.resolve("state"));
        loop = new ShipperLoop(new PodLogScanner(dir.resolve("pods")), sink, config, clock, metrics, List.of());
    }

    /** Stops the shipper as kill -9 does: nothing more is committed; the next one gets fresh metrics. */
    void killShipper() throws IOException {
        collect();
        loop.close();
        loop = null;
        metrics = new ShipperMetrics(clock);
    }

    private void collect() {
        shipped.addAll(sink.lines());
        sink.committed.clear();
        committedCheckpoints = new HashMap<>(sink.checkpoints);
    }

    void rounds(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            loop.scanSoon();
            loop.runOnce();
            clock.advance(roundTime);
        }
        collect();
    }

    /** Writes {@code lines} numbered lines, each padded with {@code padding} bytes; returns their bytes. */
    long write(OutputStream out, int lines, int padding) throws IOException {
        long bytes = 0;
        String pad = "x".repeat(padding);
        for (int i = 0; i < lines; i++) {
            byte[] line = ("2024-03-01T10:00:00.000000000Z stdout F " + pad + "api-" + next++ + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            out.write(line);
            bytes += line.length;
        }
        out.flush();
        return bytes;
    }

    long write(OutputStream out, int lines) throws IOException {
        return write(out, lines, 0);
    }

    static OutputStream open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Lines written and never shipped. */
    long missing() {
        return next - shipped.stream().map(LoopOnFiles::id).distinct().count();
    }

    void assertExactlyOnce() {
        Map<Long, Integer> counts = new HashMap<>();
        shipped.forEach(line -> counts.merge(id(line), 1, Integer::sum));
        List<Long> missing = new ArrayList<>();
        for (long i = 0; i < next; i++) {
            if (!counts.containsKey(i)) {
                missing.add(i);
            }
        }
        List<Long> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        assertEquals("lost 0, duplicated 0", "lost " + missing.size() + ", duplicated " + twice.size(),
                "lost " + (missing.size() > 20 ? missing.subList(0, 20) + "..." : missing) + ", duplicated "
                        + (twice.size() > 20 ? twice.subList(0, 20) + "..." : twice));
    }

    private static long id(String line) {
        return Long.parseLong(line.substring(line.lastIndexOf("api-") + 4));
    }

    @Override
    public void close() throws IOException {
        if (loop != null) {
            loop.close();
        }
    }
}
