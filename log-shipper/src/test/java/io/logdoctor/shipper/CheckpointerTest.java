package io.logdoctor.shipper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CheckpointerTest {

    @TempDir
    Path dir;

    @Test
    void shouldStartEmptyWithoutFile() throws IOException {
        assertEquals(Map.of(), new Checkpointer(dir.resolve("state")).load());
    }

    @Test
    void shouldRoundTripOffsetsWithVersion() throws IOException {
        Checkpointer checkpointer = new Checkpointer(dir.resolve("state"));
        checkpointer.save(Map.of("/var/log/pods/a/c/0.log", 123L, "/var/log/pods/b/c/1.log", 0L));

        assertEquals(Map.of("/var/log/pods/a/c/0.log", 123L, "/var/log/pods/b/c/1.log", 0L), checkpointer.load());
        assertEquals("{\"version\":1,\"offsets\":{\"/var/log/pods/a/c/0.log\":123,\"/var/log/pods/b/c/1.log\":0}}",
                Files.readString(checkpointer.file()).replaceAll("\\s", ""));
        assertFalse(Files.exists(dir.resolve("state/checkpoints.json.tmp")));
    }

    @Test
    void shouldReplacePreviousCheckpoint() throws IOException {
        Checkpointer checkpointer = new Checkpointer(dir);
        checkpointer.save(Map.of("/a", 1L));
        checkpointer.save(Map.of("/b", 2L));

        assertEquals(Map.of("/b", 2L), checkpointer.load());
    }

    @Test
    void shouldRefuseUnknownVersion() throws IOException {
        Checkpointer checkpointer = new Checkpointer(dir);
        Files.writeString(checkpointer.file(), "{\"version\":2,\"offsets\":{}}");

        IOException e = assertThrows(IOException.class, checkpointer::load);
        assertEquals("checkpoint file " + checkpointer.file() + " has version 2; this shipper reads version 1",
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
