package io.logdoctor.shipper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes numbered CRI lines ({@code <container>-<n>}) into one container's {@code 0.log} and rotates it
 * exactly as one real rotator does ({@link Style}). Test support for the rotation ITs: one writer per
 * container, driven by one thread.
 */
final class RotationWriter implements AutoCloseable {

    /** How the file is rotated. */
    enum Style {
        /**
         * The kubelet (pkg/kubelet/logs/container_log_manager.go, rotateLog): drop the oldest rotations beyond
         * MaxFiles (the live file, the one rotated now, and {@code keep} more), gzip every uncompressed rotation ({@code .gz.tmp}, rename,
         * remove the original), rename {@code 0.log} to {@code 0.log.<YYYYmmdd-HHMMSS>}; the runtime goes on
         * writing to the renamed file until ReopenContainerLog, here for 20 more lines.
         */
        KUBELET,
        /** A rename to {@code 0.log.<YYYYmmdd-HHMMSS>-<n>}, outside the kubelet's grammar. */
        SUFFIXED,
        /** logrotate's numbered rename: the last removed, {@code .1} to {@code .2} and so on, {@code 0.log} to {@code .1}. */
        NUMBERED,
        /** logrotate with dateext: {@code 0.log-<YYYYmmdd><n>}. */
        DATEEXT,
        /** Renamed out of the pod-log tree altogether, and left there. */
        MOVED_OUT,
        /** docker's json-file driver beside a {@code 0.log} link: {@code <id>-json.log} renamed to {@code .1}, .1 to .2. */
        DOCKER,
        /** copytruncate into a new file {@code 0.log.<n>}. */
        COPYTRUNCATE_NEW,
        /** {@code cp 0.log 0.log.1; truncate -s0 0.log}: the copy written over the existing {@code 0.log.1}. */
        COPYTRUNCATE_OVER,
        /** {@code rm 0.log.1; cp 0.log 0.log.1; truncate}: the copy may take the freed inode. */
        COPYTRUNCATE_REUSE
    }

    /** Rotated files kept (the kubelet's containerLogMaxFiles minus 2; logrotate's {@code rotate N}). */
    private final int keep;
    private final Path file;
    private final Path dockerDir;
    private final Path outside;
    private final String container;
    private final Style style;
    private final List<Path> rotated = new ArrayList<>();
    private OutputStream out;
    private long next;
    private int rotations;

    RotationWriter(Path podsRoot, String container, Style style, int keep) throws IOException {
        this.keep = keep;
        this.container = container;
        this.style = style;
        Path dir = podsRoot.resolve("shop_" + container + "-7d9f_0f6e2a4c-5b7d-4e8f-9a1b-2c3d4e5f6a7b").resolve(container);
        Files.createDirectories(dir);
        this.file = dir.resolve("0.log");
        this.outside = podsRoot.resolveSibling("moved-" + container);
        Files.createDirectories(outside);
        if (style == Style.DOCKER) {
            dockerDir = podsRoot.resolveSibling("docker-" + container);
            Files.createDirectories(dockerDir);
            Files.createSymbolicLink(file, dockerDir.resolve("abc123-json.log"));
        } else {
            dockerDir = null;
        }
        out = open();
    }

    private Path target() {
        return dockerDir == null ? file : dockerDir.resolve("abc123-json.log");
    }

    private OutputStream open() throws IOException {
        return Files.newOutputStream(target(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    void writeLine() throws IOException {
        String stream = next % 10 == 9 ? "stderr" : "stdout";
        out.write((Instant.now() + " " + stream + " F " + container + "-" + next + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        next++;
    }

    void rotate() throws IOException {
        rotations++;
        String ts = String.format("20240301-%06d", rotations);
        switch (style) {
            case KUBELET -> kubelet(ts);
            case SUFFIXED -> renameTo(file.resolveSibling("0.log." + ts + "-" + rotations));
            case DATEEXT -> renameTo(file.resolveSibling("0.log-20240301" + rotations));
            case MOVED_OUT -> renameTo(outside.resolve("0.log." + rotations));
            case NUMBERED -> numbered(file);
            case DOCKER -> numbered(target());
            case COPYTRUNCATE_NEW -> copyTruncate(file.resolveSibling("0.log." + rotations), false);
            case COPYTRUNCATE_OVER -> copyTruncate(file.resolveSibling("0.log.1"), false);
            case COPYTRUNCATE_REUSE -> copyTruncate(file.resolveSibling("0.log.1"), true);
        }
    }

    private void kubelet(String ts) throws IOException {
        List<Path> logs;
        try (Stream<Path> s = Files.list(file.getParent())) {
            logs = s.filter(p -> p.getFileName().toString().startsWith("0.log.")).sorted().toList();
        }
        int excess = logs.size() - keep; // MaxFiles, minus the live file and the one about to be rotated
        for (int i = 0; i < excess; i++) {
            Files.delete(logs.get(i));
        }
        for (Path l : logs.subList(Math.max(0, excess), logs.size())) {
            if (!l.toString().endsWith(".gz")) {
                gzip(l);
            }
        }
        Files.move(file, file.resolveSibling("0.log." + ts), StandardCopyOption.ATOMIC_MOVE);
        for (int i = 0; i < 20; i++) {
            writeLine(); // the runtime writes on to the renamed file until it is told to reopen
        }
        out.close();
        out = open();
    }

    /** As the kubelet's compressLog: write {@code <log>.gz.tmp}, rename it to {@code <log>.gz}, remove {@code <log>}. */
    static void gzip(Path log) throws IOException {
        Path tmp = log.resolveSibling(log.getFileName() + ".gz.tmp");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(tmp))) {
            Files.copy(log, gz);
        }
        Files.move(tmp, log.resolveSibling(log.getFileName() + ".gz"));
        Files.delete(log);
    }

    private void renameTo(Path to) throws IOException {
        out.close();
        Files.move(file, to, StandardCopyOption.ATOMIC_MOVE);
        out = open();
        if (to.getParent().equals(file.getParent())) {
            rotated.add(to);
            if (rotated.size() > keep) {
                Files.delete(rotated.remove(0));
            }
        }
    }

    private void numbered(Path live) throws IOException {
        out.close();
        Files.deleteIfExists(live.resolveSibling(live.getFileName() + "." + keep));
        for (int n = keep - 1; n >= 1; n--) {
            Path from = live.resolveSibling(live.getFileName() + "." + n);
            if (Files.exists(from)) {
                Files.move(from, live.resolveSibling(live.getFileName() + "." + (n + 1)), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.move(live, live.resolveSibling(live.getFileName() + ".1"), StandardCopyOption.ATOMIC_MOVE);
        out = open();
    }

    private void copyTruncate(Path copy, boolean deleteFirst) throws IOException {
        if (deleteFirst) {
            Files.deleteIfExists(copy);
        }
        // cp opens the target with O_TRUNC (same inode if it exists) and writes the whole file.
        try (FileChannel to = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
            while (bytes.hasRemaining()) {
                to.write(bytes);
            }
        }
        try (FileChannel original = FileChannel.open(file, StandardOpenOption.WRITE)) {
            original.truncate(0);
        }
        if (!copy.getFileName().toString().equals("0.log.1")) {
            rotated.add(copy);
            if (rotated.size() > keep) {
                Files.delete(rotated.remove(0));
            }
        }
    }

    long written() {
        return next;
    }

    String container() {
        return container;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
