package io.logdoctor.shipper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shipper's schedule, one round at a time: discover files (every poll interval), read a bounded
 * amount from each, then flush the sink and, only if that succeeded, save the checkpoints.
 *
 * <p>Driven by {@link LogShipper}'s thread; tests call {@link #runOnce()} directly with a fixed clock.
 * Not thread-safe, except the two counters, which any thread may read.
 */
final class ShipperLoop implements Closeable {

    /** Bytes read from one file per round, so one busy file cannot starve the others. */
    static final long BYTES_PER_FILE_PER_ROUND = 1024 * 1024;
    private static final long PROGRESS_EVERY_LINES = 10_000;
    private static final Logger log = LoggerFactory.getLogger(ShipperLoop.class);

    private final PathsProvider paths;
    private final LogSink sink;
    private final Checkpointer checkpointer;
    private final ShipperConfig config;
    private final Clock clock;
    private final Map<String, Long> resumeFrom;
    private final Map<Path, PodLogFollower> followers = new LinkedHashMap<>();
    private final Set<String> unreadable = new HashSet<>();
    private Map<String, Long> saved;
    private Instant lastScan;
    private long unflushed;
    private volatile long shipped;
    private volatile long malformed;

    ShipperLoop(PathsProvider paths, LogSink sink, Checkpointer checkpointer, ShipperConfig config, Clock clock)
            throws IOException {
        this.paths = paths;
        this.sink = sink;
        this.checkpointer = checkpointer;
        this.config = config;
        this.clock = clock;
        this.resumeFrom = new HashMap<>(checkpointer.load());
        this.saved = resumeFrom;
        log.info("checkpoints {}: resuming {} files", checkpointer.file(), resumeFrom.size());
    }

    /**
     * One round: discover files if a poll interval has passed, read from each, flush, checkpoint.
     *
     * @return true if some file had more to read than one round allows, so the next round should not wait
     * @throws LogSink.SinkFailedException if a record could not be shipped; no checkpoint was saved
     */
    boolean runOnce() throws IOException {
        Instant now = clock.instant();
        Set<Path> gone = Set.of();
        if (lastScan == null || !now.isBefore(lastScan.plus(config.pollInterval()))) {
            lastScan = now;
            gone = discover();
        }
        boolean more = false;
        for (Map.Entry<Path, PodLogFollower> entry : followers.entrySet()) {
            // A vanished file is read to its end (the open handle still can), then dropped.
            long budget = gone.contains(entry.getKey()) ? Long.MAX_VALUE : BYTES_PER_FILE_PER_ROUND;
            more |= poll(entry.getValue(), budget) >= budget;
        }
        for (Path path : gone) {
            followers.remove(path).close();
            unreadable.remove(path.toString());
            log.info("stopped following {}: it is gone", path);
        }
        commit();
        return more;
    }

    /** Flushes and saves the final checkpoint; call once reading has stopped. */
    void finish() throws IOException {
        commit();
        log.info("stopping: shipped {} lines ({} malformed lines skipped)", shipped, malformed);
    }

    /** Lines the sink has confirmed (flushed without error). */
    long linesShipped() {
        return shipped;
    }

    /** Lines that were not CRI lines and were skipped. */
    long malformedLines() {
        return malformed;
    }

    /** Starts following new files and returns the followed files that are no longer listed. */
    private Set<Path> discover() {
        List<Path> listed;
        try {
            listed = paths.paths();
        } catch (IOException e) {
            log.warn("cannot list log files ({}); following the {} known ones", e.toString(), followers.size());
            return Set.of();
        }
        Set<Path> gone = new HashSet<>(followers.keySet());
        for (Path listedPath : listed) {
            Path path = listedPath.toAbsolutePath().normalize();
            gone.remove(path);
            if (followers.containsKey(path)) {
                continue;
            }
            Optional<PodLogPath> pod = PodLogPath.parse(config.podsRoot(), path);
            if (pod.isEmpty()) {
                continue;
            }
            // A checkpoint applies once, at the first sighting: a path seen again later is a new file.
            Long resumed = resumeFrom.remove(path.toString());
            long offset = resumed == null ? 0L : resumed;
            followers.put(path, new PodLogFollower(path, pod.get(), offset, config.cluster(), config.node(),
                    config.maxLineBytes()));
            log.info("following {} from offset {}", path, offset);
        }
        return gone;
    }

    private long poll(PodLogFollower follower, long budget) {
        long sentBefore = follower.sent();
        long malformedBefore = follower.malformed();
        try {
            long read = follower.poll(sink, budget);
            unreadable.remove(follower.file());
            return read;
        } catch (NoSuchFileException e) {
            return 0; // deleted before it was ever opened; the next scan drops it
        } catch (IOException e) {
            // One unreadable file (permissions, I/O error) must not stop the others: its offset stays, and
            // it is tried again next round. Logged once until it reads again.
            if (unreadable.add(follower.file())) {
                log.warn("cannot read {}; retrying every round: {}", follower.file(), e.toString());
            }
            return 0;
        } finally {
            unflushed += follower.sent() - sentBefore;
            malformed += follower.malformed() - malformedBefore;
        }
    }

    private void commit() throws IOException {
        Map<String, Long> offsets = new HashMap<>();
        for (PodLogFollower follower : followers.values()) {
            offsets.put(follower.file(), follower.checkpoint());
        }
        if (unflushed > 0) {
            sink.flush(); // throws if any record failed: then no checkpoint moves
            long before = shipped;
            shipped = before + unflushed;
            unflushed = 0;
            if (shipped / PROGRESS_EVERY_LINES != before / PROGRESS_EVERY_LINES) {
                log.info("shipped {} lines from {} files ({} malformed lines skipped)",
                        shipped, followers.size(), malformed);
            }
        }
        if (!offsets.equals(saved)) {
            checkpointer.save(offsets);
            saved = offsets;
        }
    }

    @Override
    public void close() throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (PodLogFollower follower : followers.values()) {
            try {
                follower.close();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        followers.clear();
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
