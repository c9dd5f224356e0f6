package io.logdoctor.shipper.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The rescued copies on disk: {@code <root>/<namespace>_<pod>_<uid>/<container>/<n>.log.rescued-<from>-<id>}, each
 * a sparse file holding its original's first bytes and its bytes from {@code <from>} on, at the same offsets, so
 * the original's checkpoints apply to it unchanged. The layout is the pod-log tree's, so a copy's pod is read from
 * its path as an original's is. Thread-safe: the {@link Rescuer} writes while the loop reads the list.
 */
final class RescueStore {

    static final String MARK = ".rescued-";
    private static final int CHUNK = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(RescueStore.class);

    /** One rescued copy: the original's bytes {@code [from, upTo)} and its first {@code head} bytes. */
    static final class Mirror {
        final Path path;
        final PodLogPath pod;
        final long from;
        volatile byte[] head;
        volatile long upTo;

        Mirror(Path path, PodLogPath pod, long from, byte[] head, long upTo) {
            this.path = path;
            this.pod = pod;
            this.from = from;
            this.head = head;
            this.upTo = upTo;
        }

        /** True if {@code fileHead}, a file's first bytes, starts with this copy's first bytes. */
        boolean sameContent(byte[] fileHead) {
            byte[] h = head;
            return fileHead.length >= h.length && Arrays.equals(h, 0, h.length, fileHead, 0, h.length);
        }

        /** The bytes this copy holds on disk. */
        long bytes() {
            return upTo - from + head.length;
        }

        LogFile asLogFile() {
            return new LogFile(path, pod, true);
        }
    }

    private final Path root;
    private final long maxBytes;
    private final List<Mirror> mirrors = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis());
    private boolean loaded;

    RescueStore(Path root, long maxBytes) {
        this.root = root;
        this.maxBytes = maxBytes;
    }

    /** The copies there are, those of an earlier run included (read from disk the first time). */
    synchronized List<Mirror> mirrors() {
        if (!loaded) {
            loaded = true;
            load();
        }
        return List.copyOf(mirrors);
    }

    private void load() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.find(root, 3, (p, a) -> a.isRegularFile())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Mirror m = read(p);
                if (m != null) {
                    mirrors.add(m);
                }
            }
        } catch (IOException e) {
            log.warn("cannot list the rescued copies in {} ({}); they are not read", root, e.toString());
        }
        if (!mirrors.isEmpty()) {
            log.info("{} rescued copies found in {} ({} bytes)", mirrors.size(), root, bytes());
        }
    }

    private Mirror read(Path p) {
        String name = p.getFileName().toString();
        int mark = name.indexOf(MARK);
        PodLogPath pod = PodLogPath.parseRotated(root, p).orElse(null);
        if (mark < 0 || pod == null) {
            log.warn("{} is not a rescued copy this shipper wrote; leaving it alone", p);
            return null;
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long from = Long.parseLong(name.substring(mark + MARK.length(), name.indexOf('-', mark + MARK.length())));
            return new Mirror(p, pod, from, FileFingerprint.head(ch, FileFingerprint.BYTES), Math.max(from, ch.size()));
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read the rescued copy {} ({}); leaving it alone", p, e.toString());
            return null;
        }
    }

    /** The copy whose first bytes {@code fileHead} starts with, or null. */
    synchronized Mirror find(byte[] fileHead) {
        for (Mirror m : mirrors()) {
            if (m.sameContent(fileHead)) {
                return m;
            }
        }
        return null;
    }

    /** A new, empty copy of content of {@code pod}'s log {@code logName} ({@code 0.log}) from byte {@code from}. */
    synchronized Mirror create(PodLogPath pod, String logName, long from, byte[] head) throws IOException {
        mirrors();
        Path dir = root.resolve(pod.namespace() + "_" + pod.pod() + "_" + pod.uid()).resolve(pod.container());
        Files.createDirectories(dir);
        Path path = dir.resolve(logName + MARK + from + "-" + Long.toHexString(ids.incrementAndGet()));
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            write(ch, head, 0, head.length, 0);
        }
        Mirror m = new Mirror(path, pod, from, head, from);
        mirrors.add(m);
        return m;
    }

    /**
     * Copies the bytes of {@code source} (whose first bytes are {@code sourceHead}, {@code size} long) that {@code m}
     * lacks, within the store's limit.
     *
     * @return {bytes copied, bytes left out for the limit}
     */
    long[] append(Mirror m, Positional source, long size, byte[] sourceHead) throws IOException {
        long start = Math.max(m.upTo, m.from);
        long wanted = size - start;
        if (wanted <= 0) {
            return new long[] {0, 0};
        }
        long room;
        synchronized (this) {
            room = Math.max(0, maxBytes - bytes());
        }
        long count = Math.min(wanted, room);
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, count)));
        long copied = 0;
        try (FileChannel out = FileChannel.open(m.path, StandardOpenOption.WRITE)) {
            if (sourceHead.length > m.head.length) { // the original was shorter than a fingerprint: its head grew
                write(out, sourceHead, 0, sourceHead.length, 0);
                m.head = sourceHead;
            }
            while (copied < count) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), count - copied));
                int n = source.read(buffer, start + copied);
                if (n <= 0) {
                    break;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer, start + copied + buffer.position());
                }
                copied += n;
            }
        }
        m.upTo = start + copied;
        return new long[] {copied, wanted - count};
    }

    /** Bytes read at a position: a {@code FileChannel}, or a gzipped rotation decompressed as it is read. */
    interface Positional {
        /** Reads into {@code dst} from {@code position}; returns the bytes read, or -1 at the end. */
        int read(ByteBuffer dst, long position) throws IOException;
    }

    /** Cuts {@code m} back to {@code upTo}: bytes copied while its original was being overwritten. */
    void truncate(Mirror m, long upTo) throws IOException {
        try (FileChannel out = FileChannel.open(m.path, StandardOpenOption.WRITE)) {
            out.truncate(Math.max(upTo, m.head.length));
        }
        m.upTo = upTo;
    }

    /** Deletes {@code m}: its content was shipped from elsewhere or from it. */
    synchronized void delete(Mirror m) {
        mirrors.remove(m);
        try {
            Files.deleteIfExists(m.path);
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            log.warn("cannot delete the rescued copy {} ({}); delete it by hand", m.path, e.toString());
        }
    }

    /** True if {@code m} was last written longer than {@code age} ago (by the wall clock: it is a file's time). */
    boolean untouchedFor(Mirror m, Duration age) {
        try {
            return Files.getLastModifiedTime(m.path).toInstant().plus(age).isBefore(Instant.now());
        } catch (IOException e) {
            return false;
        }
    }

    /** The bytes all copies hold. */
    synchronized long bytes() {
        return mirrors.stream().mapToLong(Mirror::bytes).sum();
    }

    private static void write(FileChannel out, byte[] bytes, int offset, int length, long position) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
        while (b.hasRemaining()) {
            out.write(b, position + b.position() - offset);
        }
    }
}
