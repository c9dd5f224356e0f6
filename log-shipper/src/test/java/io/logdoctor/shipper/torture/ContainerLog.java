package io.logdoctor.shipper.torture;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One container's {@code <pods>/torture_<container>_<uid>/<container>/0.log}, written as the container
 * runtime does: O_APPEND, one write per CRI line, so a truncation makes the next line land at offset 0.
 * Each line carries {@code tort:<run>:<container>:<seq>:} so the counter can tell exactly which arrived.
 * Thread-safe: the writer appends while the killer may rotate during a downtime.
 */
final class ContainerLog implements AutoCloseable {

    /** Pads each line to about 150 bytes, the size of a typical JSON log line. */
    private static final String PAD = "x".repeat(90);

    private final String run;
    private final Mode mode;
    private final Path file;
    private final Rotation rotation;
    private FileOutputStream out;
    private long size;
    private long written;
    private int rotations;
    private long lastRotationNanos;

    ContainerLog(Path podsRoot, String run, Mode mode) throws IOException {
        this.run = run;
        this.mode = mode;
        this.file = podsRoot.resolve("torture_" + mode.container() + "_7e1c0b6a-3f52-4d8e-9a41-" + String.format("%012d", mode.ordinal()))
                .resolve(mode.container()).resolve("0.log");
        this.rotation = mode.rotation();
        Files.createDirectories(file.getParent());
        out = new FileOutputStream(file.toFile(), true);
    }

    /** Appends the next numbered line (every 10th on stderr, to interleave the streams). */
    synchronized void writeLine() {
        String stream = written % 10 == 9 ? "stderr" : "stdout";
        byte[] line = (Instant.now() + " " + stream + " F tort:" + run + ":" + mode.container() + ":" + written + ":" + PAD + "\n")
                .getBytes(StandardCharsets.UTF_8);
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
        size += line.length;
        written++;
    }

    /** Rotates the file the mode's way; returns the journal line. */
    synchronized String rotate() throws IOException {
        rotations++;
        lastRotationNanos = System.nanoTime();
        return mode.container() + " rotation " + rotations + " at line " + written + " (" + size + " bytes): " + rotation.rotate(this);
    }

    /** For a rename rotation: the runtime closes the renamed file and opens a new {@code 0.log} (ReopenContainerLog). */
    void reopen() throws IOException {
        out.close();
        out = new FileOutputStream(file.toFile(), true);
        size = 0;
    }

    /** For copytruncate: cut {@code 0.log} to 0 bytes while the runtime keeps writing through its O_APPEND descriptor. */
    void truncate() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        size = 0;
    }

    /** How long until the rotator may rotate this log again ({@link Rotation#minInterval()}); 0 if now. */
    synchronized long millisUntilRotationAllowed() {
        if (rotations == 0) {
            return 0;
        }
        long next = lastRotationNanos + rotation.minInterval().toNanos();
        return Math.max(0, (next - System.nanoTime() + 999_999) / 1_000_000);
    }

    synchronized long size() {
        return size;
    }

    synchronized long written() {
        return written;
    }

    synchronized int rotations() {
        return rotations;
    }

    Mode mode() {
        return mode;
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
