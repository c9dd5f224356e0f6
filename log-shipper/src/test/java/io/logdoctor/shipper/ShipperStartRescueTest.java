package io.logdoctor.shipper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.LongUnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shipper killed while it starts, before Kafka answered it: the torture harness's {@code all-30k-kills} lost
 * 22,088 lines of a copytruncate container and 10,259 of a kubelet one this way (starts killed 1.5 s and 0.9 s after
 * they began, 16 s with no commit, the rotations overwritten or gzipped and deleted meanwhile). A start copies what
 * the last shipper saved as not shipped yet before it asks Kafka anything; the next shipper ships it from the copy.
 * Kafka here never answers the starting shipper (its sink is down), so only the saved checkpoints can say what to copy.
 */
class ShipperStartRescueTest {

    @TempDir
    Path dir;

    private LoopOnFiles files;

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
    void shouldShipACopytruncateCopyOverwrittenAfterAShipperWasKilledStarting() throws Exception {
        Path log = files.log("api");
        Path copy = log.resolveSibling("0.log.1");
        try (OutputStream out = LoopOnFiles.open(log)) {
            shipThenKill(out);
            long unshipped = files.write(out, 300);
            startWithKafkaAway(unshipped);
            files.killShipper();
            copyOverAndTruncate(log, copy); // the 300 lines move to 0.log.1 ...
            files.write(out, 40);
            copyOverAndTruncate(log, copy); // ... and are overwritten there, with no shipper running
            files.write(out, 10);
            files.startShipper();
            files.rounds(25);
        }
        files.assertExactlyOnce();
        assertEquals(0, files.metrics.filesLost(), "files reported lost");
    }

    @Test
    void shouldShipRotationsDeletedAfterAShipperWasKilledStarting() throws Exception {
        rotateAndDeleteAroundAStart(false);
        files.assertExactlyOnce();
        assertEquals(0, files.metrics.filesLost(), "files reported lost");
    }

    @Test
    void shouldShipThemWhenTheLiveFileIsLeftEmpty() throws Exception {
        // A file's fingerprint covers its first bytes; an empty 0.log's covers none, and was taken for a file holding
        // every copy's content: the torture harness's writer stopped at a rotation, and a copy of 15,000 lines that
        // nothing else held was never read.
        rotateAndDeleteAroundAStart(true);
        files.assertExactlyOnce();
        assertEquals(0, files.metrics.filesLost(), "files reported lost");
    }

    @Test
    void shouldShipARotationGzippedBeforeAShipperStartedAndDeletedAfterItWasKilled() throws Exception {
        // kubelet gzips a rotation at the next rotation (0.03 s before a start in the torture run that lost 260 lines)
        // and deletes it a few rotations later: the start has no descriptor of it, only the .gz.
        Path log = files.log("api");
        Path rotation = log.resolveSibling("0.log.20240301-100001");
        Path gzipped = log.resolveSibling("0.log.20240301-100001.gz");
        long unshipped;
        try (OutputStream out = LoopOnFiles.open(log)) {
            shipThenKill(out);
            unshipped = files.write(out, 300);
        }
        Files.move(log, rotation, StandardCopyOption.ATOMIC_MOVE);
        gzip(rotation, gzipped);
        killStartingThenDelete(log, gzipped, written -> unshipped + written - 20 * 40); // the .gz's 300 lines (and the live file's)
    }

    @Test
    void shouldShipAGzippedRotationNoCheckpointKnowsWhenItIsDeletedAfterAStartWasKilled() throws Exception {
        // The torture harness (all-30k-kills, gz-down) lost 9,995 lines so: content born after the last commit was
        // rotated and gzipped while no shipper ran; the start copied the .gz from byte 0 but only its head reached the
        // copy (the decompressing reader had read the head and refused to go back), the start was killed, and kubelet
        // deleted the .gz before the next one.
        Path log = files.log("api");
        Path rotation = log.resolveSibling("0.log.20240301-100002");
        Path gzipped = log.resolveSibling("0.log.20240301-100002.gz");
        try (OutputStream out = LoopOnFiles.open(log)) {
            shipThenKill(out);
        }
        Files.move(log, log.resolveSibling("0.log.20240301-100001"), StandardCopyOption.ATOMIC_MOVE);
        long unknown;
        try (OutputStream out = LoopOnFiles.open(log)) {
            unknown = files.write(out, 250); // content no checkpoint knows
        }
        Files.move(log, rotation, StandardCopyOption.ATOMIC_MOVE);
        gzip(rotation, gzipped);
        killStartingThenDelete(log, gzipped, written -> unknown);
    }

    @Test
    void shouldShipTheLastLineTheJoinerHeldWhenItsRotationIsGzippedAndDeleted() throws Exception {
        // The multi-line joiner holds a stream's last line until it has been quiet: a checkpoint read to the file's end
        // has not shipped it (its offset is that line's start). logrotate's copytruncate + compress left the torture
        // harness's content only in a .gz, deleted two rotations later: 2 lines lost, one per stream, when the start's
        // rescue took "read to the end" for "shipped".
        Path log = files.log("api");
        Path gzipped = log.resolveSibling("0.log.1.gz");
        try (OutputStream out = LoopOnFiles.open(log)) {
            files.startShipper();
            files.write(out, 100);
            files.roundTime = Duration.ZERO; // no quiet time passes: the last line stays held
            files.rounds(2);
            files.killShipper();
            files.roundTime = Duration.ofSeconds(1);
        }
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            gz.write(Files.readAllBytes(log));
        }
        Files.write(log, new byte[0]);
        startWithKafkaAway(1);
        files.killShipper();
        Files.delete(gzipped);
        files.startShipper();
        files.rounds(45);
        files.assertExactlyOnce();
        assertEquals(0, files.metrics.filesLost(), "files reported lost");
    }

    @Test
    void shouldLoseThemAndSaySoWithoutTheRescue() throws Exception {
        // Proof the case needs the start's copies: with the rescue off the rotations' lines are lost, and the content
        // the last shipper had read part of is reported once its checkpoint is given up (LOST_AFTER).
        System.setProperty("logdoctor.shipper.rescue-max-bytes", "0");
        rotateAndDeleteAroundAStart(false);
        files.rounds(20);
        assertTrue(files.missing() > 0, "nothing lost without the rescue: the test does not exercise it");
        assertTrue(files.metrics.filesLost() > 0, "lost " + files.missing() + " lines and reported nothing");
    }

    /**
     * kubelet's rotation: content the last shipper committed part of, then content born after its last commit, each
     * renamed to a dated rotation; a shipper starts and is killed before Kafka answers; both rotations are deleted
     * (kubelet gzips them and removes the oldest) before the next shipper starts.
     */
    private void rotateAndDeleteAroundAStart(boolean endEmpty) throws Exception {
        Path log = files.log("api");
        Path first = log.resolveSibling("0.log.20240301-100001");
        Path second = log.resolveSibling("0.log.20240301-100002");
        long unshipped;
        try (OutputStream out = LoopOnFiles.open(log)) {
            shipThenKill(out);
            unshipped = files.write(out, 200);
        }
        Files.move(log, first, StandardCopyOption.ATOMIC_MOVE);
        try (OutputStream out = LoopOnFiles.open(log)) {
            unshipped += files.write(out, 250); // content no checkpoint knows
        }
        Files.move(log, second, StandardCopyOption.ATOMIC_MOVE);
        try (OutputStream out = LoopOnFiles.open(log)) {
            unshipped += files.write(out, 20);
            startWithKafkaAway(unshipped);
            files.killShipper();
            Files.delete(first);
            Files.delete(second);
            if (!endEmpty) {
                files.write(out, 10);
            }
        }
        if (endEmpty) {
            Files.move(log, log.resolveSibling("0.log.20240301-100003"), StandardCopyOption.ATOMIC_MOVE);
            Files.write(log, new byte[0]);
        }
        files.startShipper();
        files.rounds(25);
    }

    /**
     * 20 more lines into {@code log}; a shipper starts with Kafka away and is killed once its rescue has copied {@code
     * atRisk.applyAsLong(bytes of those 20 lines)} bytes; kubelet then deletes {@code gzipped}, and the next shipper must
     * still ship every line once.
     */
    private void killStartingThenDelete(Path log, Path gzipped, LongUnaryOperator atRisk) throws Exception {
        try (OutputStream out = LoopOnFiles.open(log)) {
            startWithKafkaAway(atRisk.applyAsLong(files.write(out, 20)));
            files.killShipper();
            Files.delete(gzipped);
            files.write(out, 10);
            files.startShipper();
            files.rounds(25);
        }
        files.assertExactlyOnce();
        assertEquals(0, files.metrics.filesLost(), "files reported lost");
    }

    /** A shipper ships 100 lines, commits, and is killed. */
    private void shipThenKill(OutputStream out) throws Exception {
        files.startShipper();
        files.write(out, 100);
        files.rounds(2);
        files.killShipper();
    }

    /** A shipper starts while Kafka does not answer; returns once its rescue copied {@code bytes} (or 30 s passed). */
    private void startWithKafkaAway(long bytes) throws Exception {
        files.startShipper();
        files.sink.down = true;
        files.loop.runOnce(); // the restore fails; the first listing went on meanwhile
        if (System.getProperty("logdoctor.shipper.rescue-max-bytes", "").equals("0")) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (files.metrics.rescuedBytes.sum() < bytes && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(files.metrics.rescuedBytes.sum() >= bytes,
                "rescued " + files.metrics.rescuedBytes.sum() + " of " + bytes + " bytes within 30 s");
    }

    /** kubelet's compression of a rotation: {@code rotation} gzipped into {@code gzipped}, then removed. */
    private static void gzip(Path rotation, Path gzipped) throws IOException {
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            gz.write(Files.readAllBytes(rotation));
        }
        Files.delete(rotation);
    }

    /** {@code cp log copy} over the existing copy (same inode, content replaced), then {@code log} truncated. */
    private static void copyOverAndTruncate(Path log, Path copy) throws IOException {
        Files.write(copy, Files.readAllBytes(log));
        Files.write(log, new byte[0]);
    }
}
