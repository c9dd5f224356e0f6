package io.logdoctor.shipper;

import io.logdoctor.records.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShipperLoopTest {

    private static final String POD_DIR = "kube-system_aws-node-7x2kq_5f3c1b2a-9d4e-4f6a-8b7c-0123456789ab";
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String TS = "2024-03-01T10:15:30.000000001Z";

    @TempDir
    Path dir;

    private final RecordingSink sink = new RecordingSink();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:15:30Z"));

    @Test
    void shouldShipLinesWithPodMetadataAndCheckpointAfterFlush() throws IOException {
        String first = TS + " stderr F ipamd: retrying\n";
        Path file = podLog(first + TS + " stdout F ok\n");
        try (ShipperLoop loop = loop()) {
            assertFalse(loop.runOnce());

            assertEquals(List.of(
                    LogRecord.k8s(TS, "prod", "node-1", "kube-system", "aws-node-7x2kq", "aws-node", "stderr",
                            "ipamd: retrying", file.toString(), 0, false),
                    LogRecord.k8s(TS, "prod", "node-1", "kube-system", "aws-node-7x2kq", "aws-node", "stdout",
                            "ok", file.toString(), first.length(), false)), sink.flushed);
            assertEquals(2, loop.linesShipped());
            assertEquals(Map.of(file.toString(), Files.size(file)), checkpoints().load());
        }
    }

    @Test
    void shouldResumeFromCheckpoint() throws IOException {
        Path file = podLog(TS + " stdout F shipped before\n");
        checkpoints().save(Map.of(file.toString(), Files.size(file)));
        append(file, TS + " stdout F new\n");
        try (ShipperLoop loop = loop()) {
            loop.runOnce();
        }
        assertEquals(List.of("new"), sink.lines());
    }

    @Test
    void shouldNotMoveCheckpointsWhenFlushFails() throws IOException {
        Path file = podLog(TS + " stdout F one\n");
        try (ShipperLoop loop = loop()) {
            loop.runOnce();
            append(file, TS + " stdout F two\n");
            sink.failNextFlush = true;

            assertThrows(LogSink.SinkFailedException.class, loop::runOnce);
            assertEquals(1, loop.linesShipped());
        }
        assertEquals(Map.of(file.toString(), (long) (TS + " stdout F one\n").length()), checkpoints().load());
    }

    @Test
    void shouldNotCheckpointPastAPartialLineWaitingForItsEnd() throws IOException {
        String full = TS + " stdout F done\n";
        Path file = podLog(full + TS + " stderr P half \n" + TS + " stdout F after\n");
        try (ShipperLoop loop = loop()) {
            loop.runOnce();
        }
        assertEquals(List.of("done", "after"), sink.lines());
        assertEquals(Map.of(file.toString(), (long) full.length()), checkpoints().load());
    }

    @Test
    void shouldDiscoverNewFilesOnlyOncePerPollInterval() throws IOException {
        try (ShipperLoop loop = loop()) {
            loop.runOnce();
            podLog(TS + " stdout F hello\n");
            loop.runOnce();
            assertEquals(List.of(), sink.lines());

            clock.advance(POLL);
            loop.runOnce();
            assertEquals(List.of("hello"), sink.lines());
        }
    }

    @Test
    void shouldCountMalformedLinesAndShipTheRest() throws IOException {
        podLog("not a cri line\n" + TS + " stdout F fine\n");
        try (ShipperLoop loop = loop()) {
            loop.runOnce();

            assertEquals(1, loop.malformedLines());
            assertEquals(List.of("fine"), sink.lines());
        }
    }

    @Test
    void shouldDropCheckpointOfVanishedFile() throws IOException {
        Path file = podLog(TS + " stdout F bye\n");
        try (ShipperLoop loop = loop()) {
            loop.runOnce();
            Files.delete(file);
            clock.advance(POLL);
            loop.runOnce();
        }
        assertEquals(Map.of(), checkpoints().load());
    }

    private ShipperLoop loop() throws IOException {
        ShipperConfig config = ShipperConfig.defaults("broker:9092", dir.resolve("pods"), dir.resolve("state"))
                .withCluster("prod").withNode("node-1").withPollInterval(POLL);
        return new ShipperLoop(new PodLogScanner(config.podsRoot()), sink, checkpoints(), config, clock);
    }

    private Checkpointer checkpoints() {
        return new Checkpointer(dir.resolve("state"));
    }

    private Path podLog(String content) throws IOException {
        Path file = dir.resolve("pods").resolve(POD_DIR).resolve("aws-node/0.log").toAbsolutePath();
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static void append(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardOpenOption.APPEND);
    }
}
