package io.logdoctor.shipper;

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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the shipper when a file or directory appears in the pod-log tree, so a new container's log is
 * picked up within a round instead of at the next periodic scan. Linux's inotify is not recursive, so
 * the root, every pod directory and every container directory are registered as scans find them. The
 * periodic scan stays the source of truth: a missed or overflowed event only delays a file, and a
 * platform without a watch service only loses the speed-up.
 */
final class DirectoryWatcher implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(DirectoryWatcher.class);

    private final WatchService watcher;
    private final Map<Path, WatchKey> keys = new HashMap<>();

    DirectoryWatcher() {
        WatchService service;
        try {
            service = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("no file system watch service ({}); new files are found by the periodic scan only", e.toString());
            service = null;
        }
        this.watcher = service;
    }

    /** Watches {@code dir} for new entries, if not yet; a directory that is gone is ignored. */
    void watch(Path dir) {
        if (watcher == null || keys.containsKey(dir) || !Files.isDirectory(dir)) {
            return;
        }
        try {
            // A rename into the directory (the kubelet's rotation) is reported as ENTRY_CREATE too.
            keys.put(dir, dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE));
        } catch (IOException | ClosedWatchServiceException e) {
            log.debug("cannot watch {}: {}", dir, e.toString());
        }
    }

    /** Stops watching directories that no longer exist, so the key map does not grow with dead pods. */
    void forgetGone() {
        keys.entrySet().removeIf(e -> {
            if (!e.getValue().isValid() || !Files.isDirectory(e.getKey())) {
                e.getValue().cancel();
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
    boolean await(Duration timeout) throws InterruptedException {
        if (watcher == null) {
            Thread.sleep(timeout.toMillis());
            return false;
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
        if (watcher != null) {
            watcher.close();
        }
    }
}
