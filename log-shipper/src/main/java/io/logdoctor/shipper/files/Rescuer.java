package io.logdoctor.shipper.files;

import io.logdoctor.shipper.ShipperMetrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipException;

/**
 * While Kafka is away, copies what the shipper could not ship yet into the {@link RescueStore}, so content
 * overwritten in place before Kafka is back is not lost. The open descriptor keeps a renamed or deleted file;
 * nothing keeps a file a copytruncate copy is written over ({@code cp 0.log 0.log.1} onto an existing
 * {@code 0.log.1}: same inode, new content): the torture harness lost 66,329 lines of such a container in a
 * 60 s broker outage, with the loop paused as it must be.
 *
 * <p>Every {@link #PASS} while armed it looks at each followed container directory: a file whose first bytes
 * match a copy is copied on into it; else a file whose content has a committed checkpoint gets a copy from that
 * checkpoint's offset; else the live {@code <n>.log} (new content, never committed) gets one from byte 0. A
 * rotation of unknown content is left alone: it was read before, or its live file was never seen. Bytes copied
 * while the original was being overwritten are cut off again (its first bytes are checked after each copy).
 */
final class Rescuer implements Closeable {

    static final Duration PASS = Duration.ofMillis(250);
    /** A CRI line's timestamp and stream tag: fewer first bytes than this say nothing of which content it is. */
    static final int MIN_HEAD = 48;
    private static final int MAX_WARNED_FILES = 1000;
    private static final Logger log = LoggerFactory.getLogger(Rescuer.class);

    /**
     * What to watch while armed: container directories (with their pod) and the committed checkpoints; rotations of
     * content no checkpoint knows are copied too if modified at or after {@code unknownSince} (epoch ms).
     */
    private record Armed(Map<Path, PodLogPath> dirs, List<FileCheckpoint> committed, long unknownSince) {
        Armed(Map<Path, PodLogPath> dirs, List<FileCheckpoint> committed) {
            this(dirs, committed, Long.MAX_VALUE);
        }
    }

    /** No commit for this long (the loop blocked in a commit while Kafka is away) arms it too. */
    static final Duration STALL = Duration.ofSeconds(5);

    private final RescueStore store;
    private final ShipperMetrics metrics;
    private final Object passLock = new Object();
    /** Armed by the loop after a failed round. */
    private volatile Armed armed;
    /** What to watch if the loop stalls: the followed directories and checkpoints as of its last commit. */
    private volatile Armed standby;
    private volatile long progressNanos = System.nanoTime();
    private volatile boolean stalled;
    /** Counts {@link #progress} calls: a pass under way stops at the next file once it changes. */
    private final AtomicLong progressCount = new AtomicLong();
    private volatile boolean closed;
    private Thread thread;
    private boolean warnedFull;
    private boolean warnedWrite;
    /** Files whose copy failed for a reason other than a gzip still being written, said once each. */
    private final Set<Path> warnedFiles = ConcurrentHashMap.newKeySet();

    Rescuer(RescueStore store, ShipperMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /** Starts copying (again) what is at risk in {@code dirs}; {@code committed} says where each content stands. */
    synchronized void arm(Map<Path, PodLogPath> dirs, Collection<FileCheckpoint> committed) {
        if (closed || dirs.isEmpty()) {
            return;
        }
        if (armed == null) {
            log.info("Kafka is away: copying what is not shipped yet in {} container directories into the rescue "
                    + "directory meanwhile, so a copytruncate copy written over it is not lost", dirs.size());
        }
        armed = new Armed(Map.copyOf(dirs), List.copyOf(committed));
        startThread();
        notifyAll();
    }

    /**
     * A (re)start: copies what the last shipper saved as committed ({@link CommittedSnapshot}) until the first commit,
     * before Kafka answers: the next rotation may overwrite or delete it while this shipper starts, or after it is
     * killed starting. A rotation of content no checkpoint knows is copied from its start if modified after
     * {@code unknownSince} (epoch ms): later than that, content read and let go would still be held, so it was
     * never shipped.
     */
    synchronized void armAtStart(Map<Path, PodLogPath> dirs, Collection<FileCheckpoint> committed, long unknownSince) {
        if (closed || dirs.isEmpty() || progressCount.get() > 0) {
            return; // a commit came first: nothing is at risk any more than in any round
        }
        log.info("starting: copying what is not shipped yet in {} container directories into the rescue directory "
                + "until the first commit, so a rotation overwritten or deleted meanwhile is not lost", dirs.size());
        armed = new Armed(Map.copyOf(dirs), List.copyOf(committed), unknownSince);
        startThread();
        notifyAll();
    }

    /**
     * What to copy should the loop stall ({@link #STALL} without {@link #progress}): a commit blocked while Kafka
     * is away never comes back to the loop to arm it (the torture harness saw one blocked 60 s).
     */
    synchronized void standby(Map<Path, PodLogPath> dirs, Collection<FileCheckpoint> committed) {
        if (closed || dirs.isEmpty()) {
            return;
        }
        standby = new Armed(Map.copyOf(dirs), List.copyOf(committed));
        startThread();
    }

    /** The copying thread, started the first time there is something to watch; the stall is counted from then. */
    private void startThread() {
        if (thread == null) {
            progressNanos = System.nanoTime();
            thread = new Thread(this::run, "logdoctor-rescuer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** A commit went through: stops copying; returns once a pass under way has ended, so the copies do not change after. */
    void progress() {
        progressNanos = System.nanoTime();
        progressCount.incrementAndGet();
        if (armed == null && !stalled) {
            return;
        }
        armed = null;
        stalled = false;
        synchronized (passLock) {
            warnedFull = false;
            warnedWrite = false;
        }
    }

    /** True while copying: armed by the loop, or the loop stalled. */
    boolean armed() {
        return armed != null || stalled;
    }

    /** What to copy now, or null. */
    private Armed due() {
        Armed a = armed;
        if (a != null) {
            return a;
        }
        Armed s = standby;
        if (s != null && System.nanoTime() - progressNanos > STALL.toNanos()) {
            if (!stalled) {
                stalled = true;
                log.info("no commit for {} s (Kafka slow or away): copying what is not shipped yet in {} container "
                        + "directories into the rescue directory meanwhile", STALL.toSeconds(), s.dirs().size());
            }
            return s;
        }
        return null;
    }

    private void run() {
        while (!closed) {
            try {
                synchronized (this) {
                    while (armed == null && standby == null && !closed) {
                        wait();
                    }
                }
                synchronized (passLock) {
                    Armed a = due();
                    if (a != null) {
                        pass(a);
                    }
                }
                Thread.sleep(PASS.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("rescue pass failed ({}); trying again", e.toString());
            }
        }
    }

    /** One look at every watched directory. */
    void pass(Armed a) {
        long passFrom = progressCount.get();
        a.dirs().forEach((dir, pod) -> {
            if (progressCount.get() != passFrom) {
                return; // a commit went through: the loop waits for this pass to end
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(file -> rescue(file, pod, a));
            } catch (NoSuchFileException e) {
                // the pod is gone
            } catch (IOException e) {
                log.debug("cannot list {} to rescue its files: {}", dir, e.toString());
            }
        });
    }

    private void rescue(Path file, PodLogPath pod, Armed a) {
        String name = file.getFileName().toString();
        if (PodLogPath.isCompressedRotation(name)) {
            rescueGzipped(file, pod, a);
            return;
        }
        boolean live = PodLogPath.isLiveName(name);
        if (!live && !PodLogPath.isRotation(name)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] head = FileFingerprint.head(ch, FileFingerprint.BYTES);
            long size = ch.size();
            if (head.length < MIN_HEAD) {
                return; // too little to tell one content from another yet; the next pass sees more
            }
            RescueStore.Mirror m = mirrorFor(file, pod, head, size, live, a);
            if (m == null) {
                return;
            }
            long before = m.upTo;
            long[] copied = store.append(m, ch::read, size, head);
            if (copied[0] > 0 && !m.sameContent(FileFingerprint.head(ch, m.head.length))) {
                store.truncate(m, before); // overwritten while we copied: those bytes may be the new content's
                return;
            }
            counted(copied, file);
        } catch (NoSuchFileException e) {
            // rotated away meanwhile: the next pass finds it under its new name
        } catch (IOException e) {
            cannotRescue(file, e);
        }
    }

    /**
     * A gzipped rotation (kubelet gzips every rotation but the newest, logrotate's {@code compress} at once): a shipper
     * that follows it keeps it by its descriptor, but one that starts has none, and kubelet deletes it a few rotations
     * later (the torture harness lost 260 lines so: the rotation was gzipped 0.03 s before a shipper started, and
     * deleted while the next start was still coming up). Decompressed into a copy as an uncompressed file would be.
     */
    private void rescueGzipped(Path file, PodLogPath pod, Armed a) {
        try (GzipReader gz = GzipReader.open(file)) {
            byte[] head = gz.head(FileFingerprint.BYTES);
            long size = gz.size();
            if (head.length < MIN_HEAD) {
                return;
            }
            RescueStore.Mirror m = mirrorFor(file, pod, head, size, false, a);
            if (m == null) {
                return;
            }
            counted(store.append(m, gz::read, size, head), file);
        } catch (NoSuchFileException e) {
            // deleted meanwhile
        } catch (IOException e) {
            cannotRescue(file, e);
        }
    }

    /**
     * The copy of the content starting with {@code head} ({@code size} bytes, of {@code file}): the one made already,
     * else a new one from the committed offset (from 0 for content no checkpoint knows, in a live file or a rotation
     * young enough); null if nothing of it needs copying or no copy can be written.
     */
    private RescueStore.Mirror mirrorFor(Path file, PodLogPath pod, byte[] head, long size, boolean live, Armed a)
            throws IOException {
        RescueStore.Mirror m = store.find(head);
        if (m != null) {
            return m;
        }
        FileCheckpoint c = CheckpointMatcher.contentOf(head, a.committed());
        if (c != null && (c.complete() || c.offset() >= size)) {
            return null; // shipped already, or nothing new yet
        }
        if (c == null && !live && Files.getLastModifiedTime(file).toMillis() < a.unknownSince()) {
            return null;
        }
        String name = file.getFileName().toString();
        try {
            m = store.create(pod, name.substring(0, name.indexOf(".log") + 4), c == null ? 0 : c.offset(), head);
        } catch (IOException e) {
            if (!warnedWrite) {
                warnedWrite = true;
                log.warn("cannot write a rescued copy ({}): nothing is copied while Kafka is away, and a copy "
                        + "written over a file meanwhile loses its content; give --state-dir a writable "
                        + "directory", e.toString());
            }
            return null;
        }
        log.info("copying {} from byte {} into {}", file, m.from, m.path);
        return m;
    }

    /**
     * A file that could not be copied: a gzip still being written (logrotate compresses in place) is expected and the
     * next pass looks again; anything else is said once per file, since lines may be lost for it.
     */
    private void cannotRescue(Path file, IOException e) {
        if (e instanceof EOFException || e instanceof ZipException) {
            log.debug("cannot rescue {} yet: {}", file, e.toString());
        } else if (warnedFiles.size() < MAX_WARNED_FILES && warnedFiles.add(file)) {
            log.warn("cannot copy {} into the rescue directory ({}): if it is rotated away before a shipper ships it, "
                    + "its lines are lost (and reported)", file, e.toString());
        }
    }

    private void counted(long[] copied, Path file) {
        metrics.rescued(copied[0], copied[1]);
        if (copied[1] > 0 && !warnedFull) {
            warnedFull = true;
            log.warn("the rescue directory is full ({} bytes): {} bytes of {} not copied; if Kafka stays away and "
                    + "the file is overwritten they are lost (and reported)", store.bytes(), copied[1], file);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
