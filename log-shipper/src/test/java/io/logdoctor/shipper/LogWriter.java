package io.logdoctor.shipper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.zip.GZIPOutputStream;

/**
 * Writes numbered CRI lines ({@code <container>-<n>}) into one container's {@code 0.log} as a kubelet
 * node would, and rotates it: by RENAME (the kubelet: rename to {@code 0.log.<ts>}, new file, and an
 * older rotation gzipped and removed) or by COPYTRUNCATE (copy to {@code 0.log.<ts>}, truncate). Test
 * support: one writer per container, not thread-safe.
 *
 * <p>The tests rotate every few seconds, far faster than a kubelet does at 10 MiB; so the two latest
 * rotations stay readable (the kubelet keeps the latest uncompressed and up to five files) and a
 * shipper that is killed and restarted still finds the end of every file it had not finished. Data
 * deleted while no shipper runs is gone for any shipper; that is not what these tests measure.
 */
final class LogWriter implements AutoCloseable {

    enum Rotation { RENAME, COPYTRUNCATE, NONE }

    private final Path file;
    private final String container;
    private final Rotation rotation;
    private OutputStream out;
    private final ArrayDeque<Path> rotatedFiles = new ArrayDeque<>();
    private static final int KEEP_READABLE = 2;
    private long next;
    private int rotations;

    LogWriter(Path podsRoot, String namespace, String pod, String container, Rotation rotation) throws IOException {
        this.container = container;
        this.rotation = rotation;
        this.file = podsRoot.resolve(namespace + "_" + pod + "_0f6e2a4c-5b7d-4e8f-9a1b-2c3d4e5f6a7b")
                .resolve(container).resolve("0.log");
        Files.createDirectories(file.getParent());
        out = open();
    }

    private OutputStream open() throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Writes the next line; every 10th on stderr, to interleave the streams. */
    void writeLine() throws IOException {
        String stream = next % 10 == 9 ? "stderr" : "stdout";
        out.write((Instant.now() + " " + stream + " F " + container + "-" + next + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        next++;
    }

    /** Rotates the file the configured way. */
    void rotate() throws IOException {
        if (rotation == Rotation.NONE) {
            return;
        }
        Path rotated = file.resolveSibling(String.format("0.log.20240301-%06d", ++rotations));
        if (rotation == Rotation.RENAME) {
            out.close();
            Files.move(file, rotated, StandardCopyOption.ATOMIC_MOVE);
            out = open();
            rotatedFiles.addLast(rotated);
            if (rotatedFiles.size() > KEEP_READABLE) {
                gzip(rotatedFiles.removeFirst());
            }
        } else {
            Files.copy(file, rotated);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
            rotatedFiles.addLast(rotated);
            if (rotatedFiles.size() > KEEP_READABLE) {
                Files.delete(rotatedFiles.removeFirst()); // logrotate's rotate count: older copies go
            }
        }
    }

    /** As the kubelet compresses: write {@code .gz.tmp}, rename to {@code .gz}, remove the original. */
    private static void gzip(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".gz.tmp");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(tmp))) {
            Files.copy(file, gz);
        }
        Files.move(tmp, file.resolveSibling(file.getFileName() + ".gz"));
        Files.delete(file);
    }

    /**
     * Writes {@code linesPerSecond} lines a second in total, round robin over {@code writers}, for
     * {@code seconds}, rotating each writer every {@code rotateEvery} of its lines; calls
     * {@code everySecond} with the elapsed seconds at each second boundary.
     *
     * @return the lines written per second actually achieved
     */
    static double drive(List<LogWriter> writers, int linesPerSecond, int seconds, int rotateEvery,
                        IntConsumer everySecond) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long total = (long) linesPerSecond * seconds;
        int second = 0;
        for (long i = 0; i < total; i++) {
            LogWriter w = writers.get((int) (i % writers.size()));
            w.writeLine();
            if (w.written() % rotateEvery == 0) {
                w.rotate();
            }
            long due = start + (i + 1) * 1_000_000_000L / linesPerSecond;
            long wait = due - System.nanoTime();
            if (wait > 1_000_000) {
                Thread.sleep(wait / 1_000_000);
            }
            int now = (int) ((System.nanoTime() - start) / 1_000_000_000L);
            if (now > second) {
                second = now;
                everySecond.accept(second);
            }
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    long written() {
        return next;
    }

    String container() {
        return container;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
