package io.logdoctor.shipper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shipper's schedule, one round at a time: discover files (on a watch event or every scan interval),
 * read a bounded amount from each, then commit the round's records and checkpoints as one unit
 * ({@link LogSink#commit}). If the sink fails, the round is aborted and every file goes back to its last
 * committed checkpoint (through its still open handle, so even a deleted file is read again), and the
 * next round reads the same lines again: nothing is lost, and with transactions nothing repeats.
 *
 * <p>Files are followed by identity ({@link FileFingerprint}), not by name: a rename is the same
 * follower under a new path. A file no longer listed is read to its end through its handle, then let go
 * once that is committed. Driven by {@link LogShipper}'s thread; tests call {@link #runOnce()} directly.
 */
final class ShipperLoop implements Closeable {

    /** Bytes read from one file per round, so one busy file cannot starve the others. */
    static final long BYTES_PER_FILE_PER_ROUND = 1024 * 1024;
    /** Bytes read per round over all files: bounds the size (and duration) of one transaction. */
    static final long BYTES_PER_ROUND = 16L * 1024 * 1024;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ShipperLoop.class);

    /** One followed file: where it is, and the checkpoint it would go back to if the sink aborted. */
    private static final class Followed {
        final PodLogFollower follower;
        LogFile file;
        FileCheckpoint base;
        boolean gone;

        Followed(PodLogFollower follower, LogFile file, FileCheckpoint base) {
            this.follower = follower;
            this.file = file;
            this.base = base;
        }
    }

    private final PathsProvider paths;
    private final LogSink sink;
    private final ShipperConfig config;
    private final Clock clock;
    private final ShipperMetrics metrics;
    private final CheckpointMatcher matcher = new CheckpointMatcher();
    /** CloudWatch log groups tailed in the same rounds and transactions as the files, or null. */
    private final CloudWatchSource cloudWatch;
    private final Map<String, Followed> followers = new LinkedHashMap<>();
    private final Set<String> unreadable = new HashSet<>();
    private final List<FileCheckpoint> pendingOrphans = new ArrayList<>();
    private Map<String, FileCheckpoint> committed;
    private Set<String> listedKeys = Set.of();
    private Instant lastScan;
    private boolean scanDue = true;
    private Duration backoff = Duration.ZERO;

    ShipperLoop(PathsProvider paths, LogSink sink, ShipperConfig config, Clock clock, ShipperMetrics metrics) {
        this(paths, sink, config, clock, metrics, null);
    }

    /** A loop that also tails CloudWatch log groups with {@code cloudWatch} (null: none); it owns the source. */
    ShipperLoop(PathsProvider paths, LogSink sink, ShipperConfig config, Clock clock, ShipperMetrics metrics,
                CloudWatchSource cloudWatch) {
        this.cloudWatch = cloudWatch;
        this.paths = paths;
        this.sink = sink;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Asks for a directory scan in the next round (a watch event came). */
    void scanSoon() {
        scanDue = true;
    }

    /**
     * One round: restore checkpoints if not done yet, discover files if due, read from each, commit.
     *
     * @return true if some file had more to read than one round allows, so the next round should not wait
     * @throws LogSink.SinkFailedException if the sink failed for good (fenced, not authorized)
     */
    boolean runOnce() throws IOException, InterruptedException {
        try {
            if (committed == null) {
                committed = new HashMap<>(sink.restore());
                matcher.reset(committed, clock.instant());
                log.info("resuming {} files from their committed checkpoints", committed.size());
                if (cloudWatch != null) {
                    cloudWatch.restore(sink.restoredSources());
                }
            }
            boolean more = round();
            backoff = Duration.ZERO;
            return more;
        } catch (LogSink.SinkFailedException e) {
            if (e.fatal()) {
                throw e;
            }
            rewind(e);
            return false;
        } catch (org.apache.kafka.common.KafkaException e) { // restore failed: Kafka not reachable yet
            metrics.kafkaErrors.increment();
            rewind(e);
            return false;
        }
    }

    private boolean round() throws IOException {
        Instant now = clock.instant();
        if (scanDue || lastScan == null || !now.isBefore(lastScan.plus(config.scanInterval()))) {
            discover(now);
        }
        boolean more = false;
        boolean truncated = false;
        long roundBudget = BYTES_PER_ROUND;
        for (Followed f : followers.values()) {
            long budget = f.gone ? Long.MAX_VALUE : Math.min(BYTES_PER_FILE_PER_ROUND, roundBudget);
            if (budget <= 0) {
                more = true;
                break;
            }
            if (f.gone) {
                f.follower.finish(sink, now);
                continue;
            }
            long read = read(f, budget, now);
            roundBudget -= read;
            more |= read >= budget;
            var before = f.follower.takeTruncation();
            if (before.isPresent()) {
                pendingOrphans.add(before.get());
                truncated = true;
            }
        }
        if (cloudWatch != null) {
            more |= cloudWatch.poll(sink, now);
        }
        if (truncated) {
            // A copytruncate copy must be claimed before this commit overwrites the original's checkpoint,
            // or a crash now would leave the copy with nothing to resume from.
            pendingOrphans.forEach(c -> matcher.add(c, now));
            discover(now);
        }
        commit(now);
        return more;
    }

    private long read(Followed f, long budget, Instant now) {
        String file = f.follower.file();
        try {
            long read = f.follower.poll(sink, budget, now);
            unreadable.remove(file);
            return read;
        } catch (IOException e) {
            // One unreadable file (an I/O error) must not stop the others: it is tried again next round.
            if (unreadable.add(file)) {
                log.warn("cannot read {}; retrying every round: {}", file, e.toString());
            }
            return 0;
        }
    }

    /** Starts following new files, notes renames, and marks files no longer listed as gone. */
    private void discover(Instant now) throws IOException {
        lastScan = now;
        scanDue = false;
        matcher.expire(now);
        List<LogFile> listed;
        try {
            listed = paths.files();
        } catch (IOException e) {
            log.warn("cannot list log files ({}); following the {} known ones", e.toString(), followers.size());
            return;
        }
        Set<String> seen = new HashSet<>();
        List<Map.Entry<String, LogFile>> fresh = new ArrayList<>();
        for (LogFile file : listed) {
            String key;
            try {
                key = Files.getAttribute(file.path(), "unix:dev") + ":" + Files.getAttribute(file.path(), "unix:ino");
            } catch (NoSuchFileException e) {
                continue; // gone between listing and looking
            }
            if (!seen.add(key)) {
                continue; // the same file under two names (a link, or a rename mid-scan)
            }
            Followed f = followers.get(key);
            if (f != null) {
                f.follower.movedTo(file.path());
                f.file = file;
                f.gone = false;
            } else {
                fresh.add(Map.entry(key, file));
            }
        }
        // Files with a checkpoint of their own first, so their content is not mistaken for a copy's.
        fresh.sort((a, b) -> Boolean.compare(!matcher.knows(a.getKey()), !matcher.knows(b.getKey())));
        for (Map.Entry<String, LogFile> entry : fresh) {
            start(entry.getValue(), now);
        }
        for (Map.Entry<String, Followed> e : followers.entrySet()) {
            if (!seen.contains(e.getKey()) && !e.getValue().gone) {
                e.getValue().gone = true;
                log.info("{} is gone; reading it to its end before letting it go", e.getValue().follower.file());
            }
        }
        listedKeys = seen;
    }

    private void start(LogFile file, Instant now) throws IOException {
        FileTailer tailer = new FileTailer(file.path(), 0, config.maxLineBytes());
        FileCheckpoint start;
        FileFingerprint fp;
        try {
            fp = tailer.fingerprint();
            if (followers.containsKey(fp.key())) {
                tailer.close(); // replaced between our look and our open; the next scan sorts it out
                scanDue = true;
                return;
            }
            List<FileFingerprint> siblings = new ArrayList<>();
            Path dir = file.path().getParent();
            for (Followed f : followers.values()) { // startsWith, not getParent(): no Path made per follower (O(n²) at start)
                if (f.file.path().startsWith(dir) && f.file.path().getNameCount() == dir.getNameCount() + 1) {
                    siblings.add(f.follower.fingerprint());
                }
            }
            CheckpointMatcher.Decision decision =
                    matcher.decide(file.path(), fp, tailer.head(), tailer.size(), file.rotated(), siblings, now);
            if (decision instanceof CheckpointMatcher.Decision.Wait) {
                tailer.close();
                scanDue = true; // a copy in progress: look again next round
                return;
            }
            start = decision instanceof CheckpointMatcher.Decision.Start s ? s.checkpoint()
                    : FileCheckpoint.of(file.path().toString(), fp, ((CheckpointMatcher.Decision.SkipTo) decision).size(),
                    ((CheckpointMatcher.Decision.SkipTo) decision).size(), Map.of(), null);
        } catch (NoSuchFileException e) {
            tailer.close();
            return;
        } catch (IOException | RuntimeException e) {
            tailer.close();
            if (unreadable.add(file.path().toString())) {
                log.warn("cannot open {}; trying again at the next scan: {}", file.path(), e.toString());
            }
            return;
        }
        unreadable.remove(file.path().toString());
        PodLogFollower follower = new PodLogFollower(file.path(), file.pod(), tailer, start, config, metrics);
        followers.put(fp.key(), new Followed(follower, file, start));
        log.info("following {} ({}) from offset {}{}", file.path(), fp.key(), start == null ? 0 : start.offset(),
                start != null && !start.key().equals(fp.key()) ? " (a copy of " + start.path() + ")" : "");
    }

    private void commit(Instant now) throws IOException {
        Map<String, FileCheckpoint> all = new HashMap<>();
        Map<String, Long> lag = new HashMap<>();
        for (Map.Entry<String, Followed> e : followers.entrySet()) {
            if (!e.getValue().gone) {
                all.put(e.getKey(), e.getValue().follower.checkpoint());
                lag.put(e.getValue().follower.file(), e.getValue().follower.lag());
            }
        }
        // Files still listed but not followed (waiting, unreadable) keep their committed checkpoint.
        committed.forEach((key, c) -> {
            if (listedKeys.contains(key) && !followers.containsKey(key)) {
                all.put(key, c);
            }
        });
        Set<String> changed = new HashSet<>();
        all.forEach((key, c) -> {
            if (!c.equals(committed.get(key))) {
                changed.add(key);
            }
        });
        Set<String> removed = new HashSet<>(committed.keySet());
        removed.removeAll(all.keySet());
        long lines = 0;
        long bytes = 0;
        for (Followed f : followers.values()) {
            long[] sent = f.follower.takeSent();
            lines += sent[0];
            bytes += sent[1];
        }
        if (cloudWatch != null) {
            cloudWatch.stage(sink); // the log groups' checkpoints join the same transaction
        }
        sink.commit(all, changed, removed);
        if (cloudWatch != null) {
            cloudWatch.committed();
        }
        if (!changed.isEmpty() || !removed.isEmpty() || lines > 0) {
            metrics.committed(lines, bytes);
        }
        committed = all;
        pendingOrphans.clear();
        for (var it = followers.entrySet().iterator(); it.hasNext(); ) {
            Followed f = it.next().getValue();
            if (f.gone) {
                matcher.add(f.follower.checkpoint(), now); // a rename we missed finds it again
                f.follower.close();
                it.remove();
                log.info("stopped following {}: read to its end and committed", f.follower.file());
            } else {
                f.base = all.get(f.follower.fingerprint().key());
            }
        }
        metrics.roundDone(lag);
    }

    /** The sink failed: abort, and send every file back to its last committed checkpoint. */
    private void rewind(Exception cause) throws IOException, InterruptedException {
        metrics.rewinds.increment();
        backoff = backoff.isZero() ? Duration.ofMillis(200) : min(backoff.multipliedBy(2), MAX_BACKOFF);
        log.warn("shipping failed ({}); reading again from the last committed checkpoints in {} ms",
                cause.toString(), backoff.toMillis());
        try {
            sink.abort();
        } catch (RuntimeException e) {
            log.warn("abort failed too: {}", e.toString());
        }
        pendingOrphans.clear();
        if (cloudWatch != null) {
            cloudWatch.rewind(clock.instant());
        }
        if (committed != null) {
            Instant now = clock.instant();
            for (Followed f : followers.values()) {
                FileCheckpoint base = f.base;
                if (base != null && !CheckpointMatcher.matches(base.fingerprint(), f.follower.head())) {
                    matcher.add(base, now); // its content left this inode (truncated): a copy may claim it
                    base = null;
                }
                f.follower.reset(base);
                f.base = base;
            }
            scanDue = true;
        }
        Thread.sleep(backoff.toMillis());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Commits what was read; call once reading has stopped. */
    void finish() throws IOException {
        if (committed != null) {
            commit(clock.instant());
        }
    }

    /** The number of files followed now. */
    int filesFollowed() {
        return followers.size();
    }

    @Override
    public void close() throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (Followed f : followers.values()) {
            try {
                f.follower.close();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        followers.clear();
        if (cloudWatch != null) {
            cloudWatch.close();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
