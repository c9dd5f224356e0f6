package io.logdoctor.shipper.sink;

import io.logdoctor.shipper.files.FileCheckpoint;

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
 * Stores how far each file has been shipped, for the at-least-once delivery mode, in
 * {@code <stateDir>/checkpoints.json}: {@code {"version": 2, "files": {"<dev>:<inode>": {...}}}}, one
 * {@link FileCheckpoint} per file keyed by device and inode.
 *
 * <p>The caller saves only after the producer's flush succeeded, so a restart resumes at or before the
 * first line not yet in Kafka: at least once. The format carries a version so a shipper can tell an old
 * file from its own and refuse it, never misread it (version 1 keyed offsets by path, which cannot follow
 * a rename: it is refused with a message saying so).
 */
final class Checkpointer {

    static final int VERSION = 2;
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

    /** The saved checkpoints by file key; empty if nothing was saved yet. */
    Map<String, FileCheckpoint> load() throws IOException {
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
                    + "; this shipper reads version " + VERSION + " (delete it to ship every file from the start)");
        }
        return snapshot.files() == null ? Map.of() : Map.copyOf(snapshot.files());
    }

    /** Replaces the saved checkpoints with {@code files}, atomically. */
    void save(Map<String, FileCheckpoint> files) throws IOException {
        Files.createDirectories(stateDir);
        byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(new Snapshot(VERSION, new TreeMap<>(files)));
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
    record Snapshot(int version, Map<String, FileCheckpoint> files) {
    }
}
