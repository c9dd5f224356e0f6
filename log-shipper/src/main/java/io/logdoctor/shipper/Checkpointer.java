package io.logdoctor.shipper;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.logdoctor.records.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stores how far each file has been shipped, in {@code <stateDir>/checkpoints.json}:
 * {@code {"version": 1, "offsets": {"/var/log/pods/.../0.log": 1234}}}.
 *
 * <p>An offset is the first byte not yet known to be in Kafka, so a restart resumes there: at least
 * once, since records sent after the last checkpoint are sent again. The caller saves only after the
 * sink's flush succeeded. The format carries a version so a later shipper (fingerprints, transactional
 * offsets) can tell an old file from its own and refuse or migrate it, never misread it.
 */
final class Checkpointer {

    static final int VERSION = 1;
    static final String FILE_NAME = "checkpoints.json";

    private final Path stateDir;
    private final Path file;

    Checkpointer(Path stateDir) {
        this.stateDir = stateDir;
        this.file = stateDir.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** The saved offsets by absolute file path; empty if nothing was saved yet. */
    Map<String, Long> load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        Snapshot snapshot;
        try {
            snapshot = Json.MAPPER.readValue(bytes, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new IOException("checkpoint file " + file + " is not valid: " + e.getOriginalMessage(), e);
        }
        if (snapshot.version() != VERSION) {
            throw new IOException("checkpoint file " + file + " has version " + snapshot.version()
                    + "; this shipper reads version " + VERSION);
        }
        return snapshot.offsets() == null ? Map.of() : Map.copyOf(snapshot.offsets());
    }

    /** Replaces the saved offsets with {@code offsets}, atomically. */
    void save(Map<String, Long> offsets) throws IOException {
        Files.createDirectories(stateDir);
        byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(new Snapshot(VERSION, new TreeMap<>(offsets)));
        Path temp = stateDir.resolve(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(json);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            // The bytes must be on disk before the rename is: otherwise a power cut can leave the new
            // name pointing at an empty file.
            channel.force(true);
        }
        // Write-then-rename: rename(2) swaps the name in one step, so a crash or kill -9 at any moment
        // leaves either the old complete file or the new complete one, never a half-written mix that
        // would lose every offset on restart.
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
    }

    /** Makes the rename itself durable; best effort, as not every platform can open a directory. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(stateDir, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // not supported here; the rename is still atomic, only perhaps not yet durable
        }
    }

    /** The JSON shape of the checkpoint file. */
    record Snapshot(int version, Map<String, Long> offsets) {
    }
}
