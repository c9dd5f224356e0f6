package io.logdoctor.shipper;

import io.logdoctor.shipper.files.FileCheckpoint;
import io.logdoctor.shipper.files.PodLogScanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka away while a copytruncate copy is written over an existing {@code 0.log.1} (same inode, content replaced)
 * several times: nothing can be shipped, the open descriptor does not keep overwritten content, so only the
 * rescued copies can. The torture harness's 60 s broker outage lost 66,329 lines of such a container before them.
 * The rescuer runs on its own thread in real time; the loop's clock is the test's.
 */
class ShipperLoopRescueTest {

    private static final String POD = "shop_api-7d9f_0f6e2a4c-5b7d-4e8f-9a1b-2c3d4e5f6a7b";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:00:00Z"));
    private final List<String> shipped = new ArrayList<>();
    private ShipperMetrics metrics = new ShipperMetrics(clock);
    private Map<String, FileCheckpoint> committedCheckpoints = new HashMap<>();
    private RecordingSink sink;
    private ShipperLoop loop;
    private long next;
    private long writtenWhileAway;

    @AfterEach
    void stop() throws IOException {
        System.clearProperty("logdoctor.shipper.rescue-max-bytes");
        if (loop != null) {
            loop.close();
        }
    }

    @Test
    void shouldShipEveryCopyWrittenOverAnExistingRotationWhileKafkaIsAway() throws Exception {
        startShipper();
        overwriteCopiesWhileAway(3);
        sink.down = false;
        rounds(25);
        assertExactlyOnce();
        assertEquals(0, lost(), "files reported lost");
        assertTrue(metrics.rescuedBytes.sum() >= writtenWhileAway, "rescued " + metrics.rescuedBytes.sum());
        assertEquals(List.of(), rescued(), "copies left once their content was shipped");
    }

    @Test
    void shouldShipThemFromTheRescuedCopiesAfterACrashWhileKafkaWasAway() throws Exception {
        startShipper();
        overwriteCopiesWhileAway(3);
        killShipper();
        metrics = new ShipperMetrics(clock);
        startShipper(); // Kafka is back; the copies are on disk, the checkpoints what was committed before the outage
        rounds(25);
        assertExactlyOnce();
        assertEquals(0, lost(), "files reported lost");
        assertEquals(List.of(), rescued(), "copies left once their content was shipped");
    }

    @Test
    void shouldLoseThemAndSaySoWithoutTheRescue() throws Exception {
        // The same case with the rescue off: proof that the case needs it, and that the loss is reported.
        System.setProperty("logdoctor.shipper.rescue-max-bytes", "0");
        startShipper();
        overwriteCopiesWhileAway(3);
        sink.down = false;
        rounds(45);
        long missing = next - shipped.stream().map(ShipperLoopRescueTest::id).distinct().count();
        assertTrue(missing > 0, "nothing lost without the rescue: the test does not exercise it");
        assertTrue(lost() > 0, "lost " + missing + " lines and reported nothing");
    }

    /** Kafka goes away; {@code rotations} times: lines written, copied over the existing 0.log.1, 0.log truncated. */
    private void overwriteCopiesWhileAway(int rotations) throws Exception {
        Path copy = log().resolveSibling("0.log.1");
        try (OutputStream out = open(log())) {
            write(out, 100);
            rounds(1);
            sink.down = true;
            for (int r = 0; r < rotations; r++) {
                writtenWhileAway += write(out, 200);
                loop.runOnce(); // fails: the loop rewinds and the rescuer is (still) armed
                awaitRescued();
                writtenWhileAway += write(out, 30); // after the rescuer's last look: only the copy will hold them
                try (FileChannel target = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    target.write(ByteBuffer.wrap(Files.readAllBytes(log())));
                }
                try (FileChannel original = FileChannel.open(log(), StandardOpenOption.WRITE)) {
                    original.truncate(0);
                }
                awaitRescued(); // before the next copy overwrites this one
            }
            writtenWhileAway += write(out, 20);
            loop.runOnce();
            awaitRescued();
        }
    }

    /** Waits (real time: the rescuer's thread) until every byte written while Kafka was away was copied. */
    private void awaitRescued() throws InterruptedException {
        if (System.getProperty("logdoctor.shipper.rescue-max-bytes", "").equals("0")) {
            return; // the rescue is off
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (metrics.rescuedBytes.sum() < writtenWhileAway && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(metrics.rescuedBytes.sum() >= writtenWhileAway,
                "rescued " + metrics.rescuedBytes.sum() + " of " + writtenWhileAway + " bytes within 30 s");
    }

    private long lost() {
        return metrics.filesLost();
    }

    private List<Path> rescued() throws IOException {
        Path root = dir.resolve("state").resolve("rescue");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.find(root, 4, (p, a) -> a.isRegularFile())) {
            return files.toList();
        }
    }

    private Path log() {
        return dir.resolve("pods").resolve(POD).resolve("api").resolve("0.log");
    }

    private void startShipper() {
        sink = new RecordingSink();
        sink.checkpoints.putAll(committedCheckpoints);
        ShipperConfig config = ShipperConfig.defaults("unused:9092", dir.resolve("pods"), dir.resolve("state"));
        loop = new ShipperLoop(new PodLogScanner(dir.resolve("pods")), sink, config, clock, metrics, List.of());
    }

    private void killShipper() throws IOException {
        collect();
        loop.close();
        loop = null;
    }

    private void collect() {
        shipped.addAll(sink.lines());
        sink.committed.clear();
        committedCheckpoints = new HashMap<>(sink.checkpoints);
    }

    private void rounds(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            loop.scanSoon();
            loop.runOnce();
            clock.advance(Duration.ofSeconds(1));
        }
        collect();
    }

    /** Writes {@code lines} numbered lines; returns their bytes. */
    private long write(OutputStream out, int lines) throws IOException {
        long bytes = 0;
        for (int i = 0; i < lines; i++) {
            byte[] line = ("2024-03-01T10:00:00.000000000Z stdout F api-" + next++ + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(line);
            bytes += line.length;
        }
        out.flush();
        return bytes;
    }

    private static OutputStream open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void assertExactlyOnce() {
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
        return Long.parseLong(line.substring(line.indexOf('-') + 1));
    }
}
