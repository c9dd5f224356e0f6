package io.logdoctor.shipper.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wakes the shipper when a file or directory appears in the pod-log tree, so a new container's log is
 * picked up within a round instead of at the next periodic scan. Linux's inotify is not recursive, so
 * the root, every pod directory and every container directory are registered as scans find them. The
 * periodic scan stays the source of truth: a missed or overflowed event only delays a file, and a
 * platform without a watch service only loses the speed-up.
 *
 * <p>Directories are registered on a thread of their own: the JDK's inotify service registers one
 * directory per round trip to its poller thread (0.1-0.3 ms each, more on a busy node), so 2,000 of them
 * would hold up a restart's first round by a good part of a second. An entry made before its directory's
 * watch took effect is not missed: once the registrations queued so far are done, {@link #await} reports
 * an event, so the shipper lists the directories again.
 */
public final class DirectoryWatcher implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(DirectoryWatcher.class);

    private final WatchService watcher;
    private final Map<Path, WatchKey> keys = new ConcurrentHashMap<>();
    /** Directories registered or queued for registration. */
    private final Set<Path> requested = ConcurrentHashMap.newKeySet();
    private final ExecutorService registrar = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "logdoctor-shipper-watch");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger queued = new AtomicInteger();
    /** Every queued registration is done: entries made meanwhile call for another scan. */
    private volatile boolean caughtUp;

    public DirectoryWatcher() {
        WatchService service;
        try {
            service = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("no file system watch service ({}); new files are found by the periodic scan only", e.toString());
            service = null;
        }
        this.watcher = service;
    }

    /** Watches {@code dir} for new entries, if not yet (soon, on its own thread); a directory that is gone is ignored. */
    void watch(Path dir) {
        if (watcher == null || !requested.add(dir)) {
            return;
        }
        queued.incrementAndGet();
        registrar.execute(() -> {
            try {
                if (Files.isDirectory(dir)) {
                    // A rename into the directory (the kubelet's rotation) is reported as ENTRY_CREATE too.
                    keys.put(dir, dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE));
                } else {
                    requested.remove(dir); // not (or no longer) a directory: a later scan may ask again
                }
            } catch (IOException | ClosedWatchServiceException e) {
                requested.remove(dir);
                log.debug("cannot watch {}: {}", dir, e.toString());
            } finally {
                if (queued.decrementAndGet() == 0) {
                    caughtUp = true;
                }
            }
        });
    }

    /** Stops watching directories that no longer exist, so the key map does not grow with dead pods. */
    void forgetGone() {
        keys.entrySet().removeIf(e -> {
            if (!e.getValue().isValid() || !Files.isDirectory(e.getKey())) {
                e.getValue().cancel();
                requested.remove(e.getKey());
                return true;
            }
            return false;
        });
    }

    /**
     * Waits up to {@code timeout} for something to appear.
     *
     * @return true if an event came (a scan is due), false after the timeout
     */
    public boolean await(Duration timeout) throws InterruptedException {
        if (watcher == null) {
            Thread.sleep(timeout.toMillis());
            return false;
        }
        if (caughtUp) {
            caughtUp = false;
            return true;
        }
        try {
            WatchKey key = watcher.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            boolean any = false;
            while (key != null) {
                any |= !key.pollEvents().isEmpty();
                key.reset();
                key = watcher.poll();
            }
            return any;
        } catch (ClosedWatchServiceException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        registrar.shutdownNow();
        if (watcher != null) {
            watcher.close();
        }
    }
}
