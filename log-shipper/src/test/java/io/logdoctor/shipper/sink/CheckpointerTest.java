package io.logdoctor.shipper.sink;

import io.logdoctor.shipper.files.FileCheckpoint;
import io.logdoctor.shipper.files.FileFingerprint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointerTest {

    private static final FileCheckpoint A = FileCheckpoint.of("/var/log/pods/a/c/0.log",
            new FileFingerprint(1, 2, 256, 99), 100, 123, Map.of("stdout", 100L), "cri");
    private static final FileCheckpoint B = FileCheckpoint.of("/var/log/pods/b/c/1.log",
            new FileFingerprint(1, 3, 0, 0), 0, 0, Map.of(), null);

    @TempDir
    Path dir;

    @Test
    void shouldStartEmptyWithoutFile() throws IOException {
        assertEquals(Map.of(), new Checkpointer(dir.resolve("state")).load());
    }

    @Test
    void shouldRoundTripOffsetsWithVersion() throws IOException {
        Checkpointer checkpointer = new Checkpointer(dir.resolve("state"));
        checkpointer.save(Map.of("1:2", A, "1:3", B));

        assertEquals(Map.of("1:2", A, "1:3", B), checkpointer.load());
        assertTrue(Files.readString(checkpointer.file()).replaceAll("\\s", "").startsWith("{\"version\":2,\"files\":{\"1:2\":{"));
        assertFalse(Files.exists(dir.resolve("state/checkpoints.json.tmp")));
    }

    @Test
    void shouldReplacePreviousCheckpoint() throws IOException {
        Checkpointer checkpointer = new Checkpointer(dir);
        checkpointer.save(Map.of("1:2", A));
        checkpointer.save(Map.of("1:3", B));

        assertEquals(Map.of("1:3", B), checkpointer.load());
    }

    @Test
    void shouldRefuseUnknownVersion() throws IOException {
        Checkpointer checkpointer = new Checkpointer(dir);
        Files.writeString(checkpointer.file(), "{\"version\":1,\"files\":{}}");

        IOException e = assertThrows(IOException.class, checkpointer::load);
        assertEquals("checkpoint file " + checkpointer.file() + " has version 1; this shipper reads version 2"
                + " (delete it to ship every file from the start)",
                e.getMessage());
    }

    @Test
    void shouldRefuseUnreadableFile() throws IOException {
        Checkpointer checkpointer = new Checkpointer(dir);
        Files.writeString(checkpointer.file(), "{\"version\":1,");

        IOException e = assertThrows(IOException.class, checkpointer::load);
        assertEquals("checkpoint file " + checkpointer.file() + " is not valid", e.getMessage().split(":")[0]);
    }
}
