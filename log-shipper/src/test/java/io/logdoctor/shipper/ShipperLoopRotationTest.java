package io.logdoctor.shipper;

import io.logdoctor.shipper.files.CheckpointMatcher;
import io.logdoctor.shipper.files.FileCheckpoint;
import io.logdoctor.shipper.files.FileSource;
import io.logdoctor.shipper.files.PodLogScanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop against real files under every rotation, with restarts in between (a new loop resuming from the
 * committed checkpoints, as after kill -9): every line exactly once, and what cannot be read is counted.
 */
class ShipperLoopRotationTest {

    private static final String POD = "shop_api-7d9f_0f6e2a4c-5b7d-4e8f-9a1b-2c3d4e5f6a7b";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:00:00Z"));
    private final List<String> shipped = new ArrayList<>();
    private final ShipperMetrics metrics = new ShipperMetrics(clock);
    private Map<String, FileCheckpoint> committedCheckpoints = new HashMap<>();
    private RecordingSink sink;
    private ShipperLoop loop;
    private long next;

    private Path log() {
        return dir.resolve("pods").resolve(POD).resolve("api").resolve("0.log");
    }

    private void startShipper() {
        sink = new RecordingSink();
        sink.checkpoints.putAll(committedCheckpoints);
        ShipperConfig config = ShipperConfig.defaults("unused:9092", dir.resolve("pods"), dir.resolve("state"));
        loop = new ShipperLoop(new PodLogScanner(dir.resolve("pods")), sink, config, clock, metrics, List.of());
    }

    /** Stops the shipper as kill -9 does: nothing more is committed. */
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

    private void write(OutputStream out, int lines) throws IOException {
        for (int i = 0; i < lines; i++) {
            out.write(("2024-03-01T10:00:00.000000000Z stdout F api-" + next++ + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private OutputStream open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void assertExactlyOnce() {
        Map<Long, Integer> counts = new HashMap<>();
        shipped.forEach(line -> counts.merge(id(line), 1, Integer::sum));
        List<Long> lost = new ArrayList<>();
        for (long i = 0; i < next; i++) {
            if (!counts.containsKey(i)) {
                lost.add(i);
            }
        }
        long duplicated = counts.values().stream().mapToLong(c -> c - 1).sum();
        assertEquals("lost 0, duplicated 0", "lost " + lost.size() + ", duplicated " + duplicated,
                "lost " + (lost.size() > 20 ? lost.subList(0, 20) + "..." : lost) + ", duplicated "
                        + counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().limit(5).toList());
    }

    private static long id(String line) {
        return Long.parseLong(line.substring(line.indexOf('-') + 1));
    }

    @Test
    void shouldReadARenamedFileToItsEndWhileItsWriterStillAppends() throws Exception {
        startShipper();
        try (OutputStream out = open(log())) {
            write(out, 100);
            rounds(1);
            // Renamed to a name outside the kubelet's grammar, and moved out of the directory: the writer
            // (the runtime until ReopenContainerLog) keeps appending through its open descriptor.
            Path away = dir.resolve("elsewhere.log");
            Files.move(log(), away);
            rounds(1);
            write(out, 50);
            rounds(2);
            write(out, 50);
        }
        rounds(10);
        assertExactlyOnce();
        assertTrue(metrics.render().contains("logdoctor_shipper_files_tailed 0.0\n"), metrics.render()); // let go once quiet
    }

    @Test
    void shouldReadAFileMovedAwayToItsEndBeforeStopping() throws Exception {
        startShipper();
        try (OutputStream out = open(log())) {
            write(out, 100);
            rounds(1);
            Files.move(log(), dir.resolve("elsewhere.log")); // the next shipper will not find it
            write(out, 40);
            loop.scanSoon();
            loop.runOnce();
            write(out, 30);
        }
        loop.finish(); // a graceful stop right after the move: the rest comes through the open descriptor
        collect();
        assertExactlyOnce();
    }

    @Test
    void shouldResumeAFileRenamedWhileNoShipperRanWhateverItsNewName() throws Exception {
        startShipper();
        try (OutputStream out = open(log())) {
            write(out, 100);
            rounds(1);
            killShipper();
            write(out, 100);
        }
        Files.move(log(), log().resolveSibling("0.log.20240301-100000-1"));
        try (OutputStream out = open(log())) {
            write(out, 10);
        }
        startShipper();
        rounds(3);
        assertExactlyOnce();
    }

    @Test
    void shouldClaimACopyWrittenOverAnExistingRotationAndTheTruncatedFileFromZero() throws Exception {
        startShipper();
        Path copy = log().resolveSibling("0.log.1");
        try (OutputStream out = open(log())) {
            for (int rotation = 0; rotation < 3; rotation++) {
                write(out, 100);
                rounds(1);
                write(out, 30); // not read yet when the copy is made: only the copy holds them afterwards
                // cp 0.log 0.log.1 (over the existing copy: same inode, content replaced); truncate 0.log
                try (FileChannel target = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    target.write(ByteBuffer.wrap(Files.readAllBytes(log())));
                }
                try (FileChannel original = FileChannel.open(log(), StandardOpenOption.WRITE)) {
                    original.truncate(0);
                }
                write(out, 20);
                rounds(2);
            }
        }
        rounds(3);
        assertExactlyOnce();
    }

    @Test
    void shouldResumeInTheCopyWhenTheFileWasTruncatedWhileNoShipperRan() throws Exception {
        startShipper();
        try (OutputStream out = open(log())) {
            write(out, 100);
            rounds(1);
            killShipper();
            write(out, 40);
            Files.copy(log(), log().resolveSibling("0.log.1"), StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel original = FileChannel.open(log(), StandardOpenOption.WRITE)) {
                original.truncate(0);
            }
            write(out, 25);
        }
        startShipper();
        rounds(3);
        assertExactlyOnce();
    }

    @Test
    void shouldResumeInTheGzipOfARotationCompressedWhileNoShipperRan() throws Exception {
        startShipper();
        Path rotated = log().resolveSibling("0.log.20240301-100000");
        try (OutputStream out = open(log())) {
            write(out, 100);
            rounds(1);
            killShipper();
            write(out, 500);
        }
        // The kubelet: rename, new file; at the next rotation gzip to .gz.tmp, rename to .gz, remove the original.
        Files.move(log(), rotated);
        try (OutputStream out = open(log())) {
            write(out, 10);
        }
        RotationWriter.gzip(rotated);
        startShipper();
        rounds(10);
        assertExactlyOnce();
        killShipper();
        startShipper(); // the .gz read to its end is not read again
        rounds(3);
        assertExactlyOnce();
    }

    @Test
    void shouldNotReadAgainTheGzipOfARotationStillFollowed() throws Exception {
        startShipper();
        Path rotated = log().resolveSibling("0.log.20240301-100000");
        try (OutputStream out = open(log())) {
            write(out, 100);
            rounds(1);
            killShipper();
            write(out, 50);
        }
        Files.move(log(), rotated); // renamed while no shipper ran
        try (OutputStream out = open(log())) {
            write(out, 10);
        }
        startShipper(); // resumes the rotation by its inode
        rounds(12); // read to its end and quiet there, still listed under its rotated name
        // The kubelet's next rotation compresses it while it is still followed (not yet quiet for 5 s).
        RotationWriter.gzip(rotated);
        Files.move(log(), log().resolveSibling("0.log.20240301-100010"));
        try (OutputStream out = open(log())) {
            write(out, 10);
        }
        rounds(10);
        assertExactlyOnce();
    }

    @Test
    void shouldNotReadAgainTheGzipOfARotationFollowedSinceItWasEmpty() throws Exception {
        // The torture harness's duplicate: the kubelet reopens an empty 0.log, the shipper follows it from its
        // first (empty) look, it fills, is rotated, and is compressed at the next rotation while still followed.
        startShipper();
        Path first = log().resolveSibling("0.log.20240301-100000");
        Path second = log().resolveSibling("0.log.20240301-100010");
        try (OutputStream out = open(log())) {
            write(out, 100);
        }
        rounds(1);
        Files.move(log(), first);
        Files.createFile(log());
        rounds(2); // the new 0.log is followed while empty
        try (OutputStream out = open(log())) {
            write(out, 50);
        }
        rounds(1);
        Files.move(log(), second);
        Files.createFile(log());
        rounds(12); // read to its end and quiet there, still listed under its rotated name
        RotationWriter.gzip(second);
        Files.move(log(), log().resolveSibling("0.log.20240301-100020"));
        try (OutputStream out = open(log())) {
            write(out, 10);
        }
        rounds(10);
        killShipper();
        startShipper();
        rounds(3);
        assertExactlyOnce();
    }

    @Test
    void shouldReadARotationBeforeTheLiveFileAndWithTheWholeRoundBudget() throws Exception {
        // A restarted shipper behind on a copy that the next rotation overwrites: the copy goes first, not
        // 1 MiB a round behind the live file.
        startShipper();
        Path rotated = log().resolveSibling("0.log.20240301-100000");
        try (OutputStream out = open(log())) {
            write(out, 1);
            rounds(1);
            killShipper();
            write(out, 70_000); // about 3 MiB unread
        }
        Files.move(log(), rotated);
        try (OutputStream out = open(log())) {
            write(out, 70_000);
        }
        startShipper();
        loop.scanSoon();
        loop.runOnce();
        collect();
        long fromRotation = shipped.stream().filter(l -> Long.parseLong(l.substring(l.lastIndexOf('-') + 1)) <= 70_000).count();
        assertEquals(70_001, fromRotation, "the whole rotation in the first round");
        rounds(10);
        assertExactlyOnce();
    }

    @Test
    void shouldReadBackTheCheckpointsAfterACommitOfUnknownOutcome() throws Exception {
        startShipper();
        try (OutputStream out = open(log())) {
            write(out, 100);
            rounds(1);
            write(out, 50);
            sink.commitButTimeOutNext = true; // committed, but the shipper is told it timed out
            rounds(1);
            write(out, 20);
            rounds(3);
        }
        assertExactlyOnce();
    }

    @Test
    void shouldKeepTrackOfCopiesMadeAndDeletedWhileKafkaIsAway() throws Exception {
        startShipper();
        Path copy = log().resolveSibling("0.log.1");
        try (OutputStream out = open(log())) {
            write(out, 100);
            rounds(1);
            sink.down = true;
            write(out, 50);
            rounds(1);
            copytruncate(copy); // logrotate copytruncate to a new file, while nothing can be shipped
            write(out, 30);
            rounds(1);
            Files.delete(copy); // rotate 1: the next rotation deletes it, still while Kafka is away
            copytruncate(copy);
            write(out, 10);
            rounds(1);
            sink.down = false;
            rounds(12);
        }
        assertExactlyOnce();
    }

    private void copytruncate(Path copy) throws IOException {
        Files.copy(log(), copy);
        try (FileChannel original = FileChannel.open(log(), StandardOpenOption.WRITE)) {
            original.truncate(0);
        }
    }

    @Test
    void shouldReadAGzipNeverSeenAndNotAGzipOfContentReadToItsEnd() throws Exception {
        startShipper();
        Path rotated = log().resolveSibling("0.log.20240301-100000");
        try (OutputStream out = open(log())) {
            write(out, 100);
        }
        rounds(1);
        Files.move(log(), rotated); // let go once quiet: complete
        rounds((int) FileSource.DRAIN_QUIET.toSeconds() + 2);
        RotationWriter.gzip(rotated);
        try (OutputStream out = open(log())) {
            write(out, 10);
        }
        rounds(2);
        // While no shipper runs, a file is written, rotated and compressed: only its .gz is left.
        killShipper();
        Path unseen = log().resolveSibling("0.log.20240301-100001");
        try (OutputStream out = open(log())) {
            write(out, 70);
        }
        Files.move(log(), unseen);
        RotationWriter.gzip(unseen);
        startShipper();
        rounds(3);
        clock.advance(CheckpointMatcher.KEEP.plusMinutes(1)); // still there: its complete checkpoint is kept
        rounds(2);
        killShipper();
        startShipper();
        rounds(3);
        assertExactlyOnce();
    }

    @Test
    void shouldCountAFileDeletedBeforeItWasReadToItsEnd() throws Exception {
        startShipper();
        try (OutputStream out = open(log())) {
            write(out, 100);
            rounds(1);
            killShipper();
            write(out, 60);
        }
        Files.delete(log()); // deleted, uncompressed, before any shipper read the last 60 lines
        startShipper();
        rounds(2);
        assertEquals(0, filesLost(), "not lost before it could be found: " + metrics.render());
        clock.advance(CheckpointMatcher.LOST_AFTER);
        rounds(2); // reported once no file with its content showed up for LOST_AFTER, not only when dropped
        assertTrue(metrics.render().contains("logdoctor_shipper_files_lost_total{reason=\"not_found\"} 1.0\n"),
                metrics.render());
        assertFalse(sink.checkpoints.isEmpty(), "still held, should the content show up after all");
        clock.advance(CheckpointMatcher.KEEP);
        rounds(2);
        assertTrue(metrics.render().contains("logdoctor_shipper_files_lost_total{reason=\"not_found\"} 1.0\n"),
                "counted once: " + metrics.render());
        assertTrue(sink.checkpoints.isEmpty(), "its checkpoint is dropped: " + sink.checkpoints);
    }

    @Test
    void shouldNotCountAFileReadToItsEndAndDeleted() throws Exception {
        startShipper();
        try (OutputStream out = open(log())) {
            write(out, 100);
        }
        rounds(1);
        Files.delete(log());
        rounds((int) FileSource.DRAIN_QUIET.toSeconds() + 2);
        clock.advance(CheckpointMatcher.KEEP);
        rounds(2);
        assertEquals(0, filesLost(), metrics.render());
        assertExactlyOnce();
    }

    @Test
    void shouldLoseNothingWhenACommitFailsAfterACopytruncate() throws Exception {
        startShipper();
        Path copy = log().resolveSibling("0.log.1");
        try (OutputStream out = open(log())) {
            write(out, 100);
            rounds(1);
            write(out, 30);
            Files.copy(log(), copy, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel original = FileChannel.open(log(), StandardOpenOption.WRITE)) {
                original.truncate(0);
            }
            write(out, 20);
            sink.failNextCommit = true;
            loop.scanSoon();
            loop.runOnce(); // reads the copy and the new content, then the commit fails: all of it again
            rounds(3);
        }
        assertExactlyOnce();
    }

    /** Files counted lost, over every reason (each reason's series is there from the start, at 0). */
    private long filesLost() {
        return metrics.render().lines().filter(l -> l.startsWith("logdoctor_shipper_files_lost_total{"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
