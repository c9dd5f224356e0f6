package io.logdoctor.shipper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka away while a copytruncate copy is written over an existing {@code 0.log.1} (same inode, content replaced)
 * several times: nothing can be shipped, the open descriptor does not keep overwritten content, so only the
 * rescued copies can. The torture harness's 60 s broker outage lost 66,329 lines of such a container before them.
 * The rescuer runs on its own thread in real time; the loop's clock is the test's.
 */
class ShipperLoopRescueTest {

    @TempDir
    Path dir;

    private LoopOnFiles files;
    private long writtenWhileAway;

    @BeforeEach
    void setUp() {
        files = new LoopOnFiles(dir);
    }

    @AfterEach
    void stop() throws IOException {
        System.clearProperty("logdoctor.shipper.rescue-max-bytes");
        files.close();
    }

    @Test
    void shouldShipEveryCopyWrittenOverAnExistingRotationWhileKafkaIsAway() throws Exception {
        files.startShipper();
        overwriteCopiesWhileAway(3);
        files.sink.down = false;
        files.rounds(25);
        files.assertExactlyOnce();
        assertEquals(0, files.metrics.filesLost(), "files reported lost");
        assertTrue(files.metrics.rescuedBytes.sum() >= writtenWhileAway, "rescued " + files.metrics.rescuedBytes.sum());
        assertEquals(List.of(), rescued(), "copies left once their content was shipped");
    }

    @Test
    void shouldShipThemFromTheRescuedCopiesAfterACrashWhileKafkaWasAway() throws Exception {
        files.startShipper();
        overwriteCopiesWhileAway(3);
        files.killShipper();
        files.startShipper(); // Kafka is back; the copies are on disk, the checkpoints what was committed before the outage
        files.rounds(25);
        files.assertExactlyOnce();
        assertEquals(0, files.metrics.filesLost(), "files reported lost");
        assertEquals(List.of(), rescued(), "copies left once their content was shipped");
    }

    @Test
    void shouldCopyWhileTheLoopIsBlockedInACommit() throws Exception {
        // The torture harness's outage began with the first round's commit in flight: it blocked for the whole
        // 60 s, so the loop never failed a round to arm the rescue. No commit for 5 s arms it.
        files.startShipper();
        Path log = files.log("api");
        Path copy = log.resolveSibling("0.log.1");
        CountDownLatch release = new CountDownLatch(1);
        try (OutputStream out = LoopOnFiles.open(log)) {
            files.write(out, 100);
            files.rounds(1);
            files.sink.blockNextCommit = release;
            writtenWhileAway += files.write(out, 200);
            Thread round = new Thread(() -> {
                try {
                    files.loop.runOnce(); // reads the 200 lines, then blocks in the commit
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            round.start();
            for (int r = 0; r < 2; r++) {
                awaitRescued(); // armed by the stall, 5 s after the last scan
                writtenWhileAway += files.write(out, 30);
                copyOverAndTruncate(log, copy);
                awaitRescued();
                writtenWhileAway += files.write(out, 50);
            }
            awaitRescued();
            release.countDown();
            round.join();
            files.rounds(25);
        }
        files.assertExactlyOnce();
        assertEquals(0, files.metrics.filesLost(), "files reported lost");
        assertEquals(List.of(), rescued(), "copies left once their content was shipped");
    }

    @Test
    void shouldLoseThemAndSaySoWithoutTheRescue() throws Exception {
        // The same case with the rescue off: proof that the case needs it, and that the loss is reported.
        System.setProperty("logdoctor.shipper.rescue-max-bytes", "0");
        files.startShipper();
        overwriteCopiesWhileAway(3);
        files.sink.down = false;
        files.rounds(45);
        assertTrue(files.missing() > 0, "nothing lost without the rescue: the test does not exercise it");
        assertTrue(files.metrics.filesLost() > 0, "lost " + files.missing() + " lines and reported nothing");
    }

    /** Kafka goes away; {@code rotations} times: lines written, copied over the existing 0.log.1, 0.log truncated. */
    private void overwriteCopiesWhileAway(int rotations) throws Exception {
        Path log = files.log("api");
        Path copy = log.resolveSibling("0.log.1");
        try (OutputStream out = LoopOnFiles.open(log)) {
            files.write(out, 100);
            files.rounds(1);
            files.sink.down = true;
            for (int r = 0; r < rotations; r++) {
                writtenWhileAway += files.write(out, 200);
                files.loop.runOnce(); // fails: the loop rewinds and the rescuer is (still) armed
                awaitRescued();
                writtenWhileAway += files.write(out, 30); // after the rescuer's last look: only the copy will hold them
                copyOverAndTruncate(log, copy);
                awaitRescued(); // before the next copy overwrites this one
            }
            writtenWhileAway += files.write(out, 20);
            files.loop.runOnce();
            awaitRescued();
        }
    }

    /** {@code cp log copy} over the existing copy (same inode, content replaced), then {@code log} truncated. */
    private static void copyOverAndTruncate(Path log, Path copy) throws IOException {
        try (FileChannel target = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            target.write(ByteBuffer.wrap(Files.readAllBytes(log)));
        }
        try (FileChannel original = FileChannel.open(log, StandardOpenOption.WRITE)) {
            original.truncate(0);
        }
    }

    /** Waits (real time: the rescuer's thread) until every byte written while Kafka was away was copied. */
    private void awaitRescued() throws InterruptedException {
        if (System.getProperty("logdoctor.shipper.rescue-max-bytes", "").equals("0")) {
            return; // the rescue is off
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (files.metrics.rescuedBytes.sum() < writtenWhileAway && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(files.metrics.rescuedBytes.sum() >= writtenWhileAway,
                "rescued " + files.metrics.rescuedBytes.sum() + " of " + writtenWhileAway + " bytes within 30 s");
    }

    private List<Path> rescued() throws IOException {
        Path root = dir.resolve("state").resolve("rescue");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> found = Files.find(root, 4, (p, a) -> a.isRegularFile())) {
            return found.toList();
        }
    }
}
