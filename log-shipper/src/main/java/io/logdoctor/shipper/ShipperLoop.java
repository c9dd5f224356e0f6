package io.logdoctor.shipper;

import io.logdoctor.shipper.files.CheckpointMatcher;
import io.logdoctor.shipper.files.FileCheckpoint;
import io.logdoctor.shipper.files.FileFingerprint;
import io.logdoctor.shipper.files.FileStarter;
import io.logdoctor.shipper.files.FollowedFile;
import io.logdoctor.shipper.files.Listing;
import io.logdoctor.shipper.files.LogFile;
import io.logdoctor.shipper.files.LostBytes;
import io.logdoctor.shipper.files.PathsProvider;
import io.logdoctor.shipper.sink.LogSink;

import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
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
import java.util.concurrent.CompletableFuture;

/**
 * The shipper's schedule, one round at a time: discover files (on a watch event or every scan interval),
 * read a bounded amount from each, then commit the round's records and checkpoints as one unit
 * ({@link LogSink#commit}). If the sink fails, the round is aborted and every file goes back to its last
 * committed checkpoint (through its still open handle, so even a deleted file is read again), and the
 * next round reads the same lines again: nothing is lost, and with transactions nothing repeats.
 *
 * <p>Files are followed by identity ({@link FileFingerprint}), not by name: a rename is the same
 * follower under a new path. A file no longer listed (renamed to any name, moved away, deleted) is "gone",
 * which does not mean done: it is read on through its open handle like any other, since its writer may
 * still append to it (the runtime writes to the renamed file until the kubelet's ReopenContainerLog), and
 * let go only once it was read to its end and did not grow for {@link #DRAIN_QUIET}. A file whose content
 * was replaced under the read position (copytruncate, a copy written over it) gives its checkpoint to the
 * {@link CheckpointMatcher}, where the copy claims it; the file itself starts again as new content. Checkpoints
 * nobody claimed yet are committed too, so a crash at any moment keeps them. Driven by {@link LogShipper}'s
 * thread; tests call {@link #runOnce()} directly.
 */
final class ShipperLoop implements Closeable {

    /** Bytes read from one file per round, so one busy file cannot starve the others. */
    static final long BYTES_PER_FILE_PER_ROUND = 1024 * 1024;
    /** Bytes read per round over all files: bounds the size (and duration) of one transaction. */
    static final long BYTES_PER_ROUND = 16L * 1024 * 1024;
    /** How long a gone file must stay at its end, not growing, before it is let go. */
    static final Duration DRAIN_QUIET = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ShipperLoop.class);

    private final PathsProvider paths;
    private final LogSink sink;
    private final ShipperConfig config;
    private final Clock clock;
    private final ShipperMetrics metrics;
    private final CheckpointMatcher matcher = new CheckpointMatcher();
    /** The other sources (CloudWatch log groups, the journal...), read in the same rounds and transactions as the files. */
    private final List<Source> sources;
    private final Map<String, FollowedFile> followers = new LinkedHashMap<>();
    private final FileStarter starter;
    private Map<String, FileCheckpoint> committed;
    private Instant lastScan;
    /** The first listing, made on a thread of its own while the checkpoints are read; null once used. */
    private CompletableFuture<List<LogFile>> firstListing;
    private boolean scanDue = true;
    private Duration backoff = Duration.ZERO;
    /** A round was committed (read by {@link LogShipper} to start what the first round does not need). */
    private volatile boolean roundCommitted;
    /** When Kafka last answered this loop (checkpoints restored, a round committed); 0 before. */
    private volatile long kafkaAnsweredMillis;
    /** A commit's outcome is unknown: the committed checkpoints are read back before anything is read. */
    private boolean truthUnknown;

    ShipperLoop(PathsProvider paths, LogSink sink, ShipperConfig config, Clock clock, ShipperMetrics metrics) {
        this(paths, sink, config, clock, metrics, List.of());
    }

    /** A loop that also reads {@code sources}; it owns them. */
    ShipperLoop(PathsProvider paths, LogSink sink, ShipperConfig config, Clock clock, ShipperMetrics metrics,
                List<Source> sources) {
        this.sources = List.copyOf(sources);
        this.paths = paths;
        this.sink = sink;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.starter = new FileStarter(config, metrics, matcher);
    }

    /** The first problem a source reports (its API unreachable), or null. */
    String sourceProblem() {
        for (Source source : sources) {
            String problem = source.problem();
            if (problem != null) {
                return problem;
            }
        }
        return null;
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
            if (committed == null || truthUnknown) {
                if (committed == null && lastScan == null && firstListing == null) {
                    firstListing = Listing.prefetch(paths); // the files are listed while the checkpoints are read
                }
                // At start, or after a commit of unknown outcome: what Kafka holds, not what this loop assumed.
                committed = new HashMap<>(sink.restore());
                kafkaAnsweredMillis = clock.millis();
                if (truthUnknown) {
                    log.info("read back {} committed checkpoints after a commit of unknown outcome", committed.size());
                    resetTo(committed);
                } else {
                    matcher.reset(committed, clock.instant());
                    log.info("resuming {} files from their committed checkpoints", committed.size());
                }
                truthUnknown = false;
                Map<String, byte[]> restored = sink.restoredSources();
                for (Source source : sources) {
                    Map<String, byte[]> own = new HashMap<>();
                    restored.forEach((key, value) -> {
                        if (key.startsWith(source.keyPrefix())) {
                            own.put(key, value);
                        }
                    });
                    source.restore(own);
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
        } catch (KafkaException e) { // restore failed: Kafka not reachable yet
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
        boolean replaced = false;
        long roundBudget = BYTES_PER_ROUND;
        // Rotations first, with what is left of the round's budget: they are what kubelet compresses and deletes
        // and the next copy overwrites. A live 0.log waits for them without risk (truncated, its rest is in a copy).
        // The torture harness lost a copy overwritten while a restarted shipper read it 1 MiB a round.
        for (boolean rotations : new boolean[] {true, false}) {
            for (FollowedFile f : followers.values()) {
                if ((f.file.rotated() || f.gone) != rotations) {
                    continue;
                }
                long budget = rotations ? roundBudget : Math.min(BYTES_PER_FILE_PER_ROUND, roundBudget);
                if (budget <= 0) {
                    more = true;
                    break;
                }
                long read = readInRound(f, budget, now);
                roundBudget -= read;
                more |= read >= budget;
                replaced |= f.follower.replaced();
            }
        }
        for (Source source : sources) {
            more |= source.poll(sink, now);
        }
        if (replaced) {
            // The old content's checkpoint must be held before this commit overwrites the file's own, so a
            // copy can claim it (now or after a crash); the file itself is then discovered as new content.
            letGoOfReplaced(now, true);
            discover(now);
        }
        commit(now);
        return more;
    }

    /** Reads {@code f} for this round; flushes a rotation read to its end; finishes a gone file gone quiet. */
    private long readInRound(FollowedFile f, long budget, Instant now) {
        long read = read(f, budget, now);
        if (read > 0) {
            f.lastRead = now;
        }
        if (f.file.rotated() && f.follower.atEnd()) {
            // A rotation at its end: what the joiner holds goes into this round's commit (the one that read the
            // end), so a copy deleted or overwritten after a crash takes nothing with it (the torture harness
            // lost two held lines when a shipper was killed 0.4 s after claiming a copy).
            f.follower.flushHeld(sink, now);
        }
        if (f.gone && f.follower.atEnd() && !now.isBefore(f.lastRead.plus(DRAIN_QUIET))) {
            f.follower.finish(sink, now); // nothing more will come: send what is held, let go after the commit
            f.finished = true;
        }
        return read;
    }

    private long read(FollowedFile f, long budget, Instant now) {
        String file = f.follower.file();
        try {
            long read = f.follower.poll(sink, budget, now);
            starter.readable(file);
            return read;
        } catch (IOException e) {
            // One unreadable file (an I/O error) must not stop the others: it is tried again next round.
            starter.unreadable(file, FileStarter.CANNOT_READ, e);
            return 0;
        }
    }

    /** @param canSend false while Kafka is away: what a joiner holds is not sent, the copy has it again */
    private void letGoOfReplaced(Instant now, boolean canSend) throws IOException {
        for (var it = followers.values().iterator(); it.hasNext(); ) {
            FollowedFile f = it.next();
            if (f.follower.replaced()) {
                FileCheckpoint old;
                if (canSend && f.file.rotated() && f.follower.atEnd()) {
                    // A rotation read to its end and overwritten by the next copy: its content is complete, so
                    // what the multi-line joiner still holds is sent now; nothing of it is left to find.
                    f.follower.finish(sink, now);
                    old = f.follower.checkpoint().asDone();
                } else {
                    old = f.follower.checkpoint(); // the rest, and any open event, is read again from the copy
                }
                matcher.hold(old, now);
                log.info("{} was truncated or rewritten at offset {} of {} bytes; its rest is looked for in a copy, "
                        + "and the file is read again as new content", f.follower.file(), old.end(), old.size());
                f.follower.close();
                it.remove();
            }
        }
    }

    /** Starts following new files, notes renames, and marks files no longer listed as gone. */
    private void discover(Instant now) throws IOException {
        lastScan = now;
        scanDue = false;
        List<Listing.Entry> listed;
        try {
            if (firstListing != null) {
                listed = Listing.look(Listing.join(firstListing)); // listed while the checkpoints were read
                scanDue = true; // and looked at again next round: it may be seconds old
            } else {
                listed = Listing.look(paths);
            }
        } catch (IOException e) {
            log.warn("cannot list log files ({}); following the {} known ones", e.toString(), followers.size());
            return;
        } finally {
            firstListing = null;
        }
        Set<String> seen = new HashSet<>();
        Set<String> seenIgnored = new HashSet<>();
        List<Map.Entry<String, LogFile>> fresh = new ArrayList<>();
        for (Listing.Entry entry : listed) {
            LogFile file = entry.file();
            if (entry.error() != null) {
                starter.unreadable(file.path().toString(), FileStarter.CANNOT_OPEN, entry.error());
                continue;
            }
            String key = entry.key();
            long size = entry.size();
            if (!seen.add(key)) {
                continue; // the same file under two names (a link, or a rename mid-scan)
            }
            FollowedFile f = followers.get(key);
            if (f != null) {
                f.follower.movedTo(file.path());
                f.file = file;
                f.gone = false;
            } else if (starter.ignored(key, size, now)) {
                seenIgnored.add(key + "/" + size);
            } else {
                fresh.add(Map.entry(key, file));
            }
        }
        starter.retainIgnored(seenIgnored);
        // Files with a checkpoint of their own first, so their content is not mistaken for a copy's.
        Set<String> known = fresh.isEmpty() ? Set.of() : matcher.fileKeys();
        fresh.sort((a, b) -> Boolean.compare(!known.contains(a.getKey()), !known.contains(b.getKey())));
        for (Map.Entry<String, LogFile> entry : fresh) {
            start(entry.getValue(), now);
        }
        for (Map.Entry<String, FollowedFile> e : followers.entrySet()) {
            if (!seen.contains(e.getKey()) && !e.getValue().gone) {
                e.getValue().gone = true;
                log.info("{} is gone (renamed, moved or deleted); reading it on through its open handle until it "
                        + "stays at its end for {} s", e.getValue().follower.file(), DRAIN_QUIET.toSeconds());
            }
        }
    }

    private void start(LogFile file, Instant now) throws IOException {
        FollowedFile f = starter.start(file, followers, now);
        if (f != null) {
            followers.put(f.key, f);
        }
        scanDue |= starter.takeRescan();
    }

    private void commit(Instant now) throws IOException {
        List<FileCheckpoint> dropped = matcher.expire(now);
        dropped.addAll(matcher.overdue(now));
        for (FollowedFile f : followers.values()) {
            matcher.moveAside(f.key); // a checkpoint of content this inode no longer has keeps its own key
        }
        Map<String, FileCheckpoint> all = new HashMap<>(matcher.held());
        Map<String, Long> lag = new HashMap<>();
        for (FollowedFile f : followers.values()) {
            all.put(f.key, f.follower.checkpoint());
            if (!f.finished) {
                lag.put(f.follower.file(), f.follower.lag());
            }
        }
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
        for (FollowedFile f : followers.values()) {
            long[] sent = f.follower.takeSent();
            lines += sent[0];
            bytes += sent[1];
        }
        sources.forEach(source -> source.stage(sink)); // their checkpoints join the same transaction
        sink.commit(all, changed, removed);
        sources.forEach(Source::committed);
        if (!changed.isEmpty() || !removed.isEmpty() || lines > 0) {
            metrics.committed(lines, bytes);
        }
        committed = all;
        kafkaAnsweredMillis = clock.millis();
        if (!roundCommitted) {
            roundCommitted = true;
            log.info("first round committed: {} lines, {} files followed", lines, followers.size()); // a restart's last step
        }
        dropped.forEach(c -> LostBytes.report(c, metrics));
        for (var it = followers.values().iterator(); it.hasNext(); ) {
            FollowedFile f = it.next();
            if (f.finished) {
                // Held (and committed) a while longer: a rename back, or a .gz of it, then starts at its end.
                matcher.hold(committed.get(f.key).asDone(), now);
                LostBytes.reportUnterminated(committed.get(f.key), metrics);
                f.follower.close();
                it.remove();
                starter.clearIgnored(); // a .gz of it, ignored while it was followed, now matches its complete checkpoint
                log.info("stopped following {}: read to its end and committed", f.follower.file());
            } else {
                f.committedOnce = true;
            }
        }
        metrics.roundDone(lag);
    }

    /** The sink failed: abort, and send every file back to its last committed checkpoint. */
    private void rewind(Exception cause) throws IOException, InterruptedException {
        metrics.rewinds.increment();
        backoff = backoff.isZero() ? Duration.ofMillis(200)
                : backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        log.warn("shipping failed ({}); reading again from the last committed checkpoints in {} ms",
                cause.toString(), backoff.toMillis());
        try {
            sink.abort();
        } catch (RuntimeException e) {
            log.warn("abort failed too: {}", e.toString());
        }
        Instant now = clock.instant();
        sources.forEach(source -> source.rewind(now));
        truthUnknown |= cause instanceof LogSink.SinkFailedException s && s.outcomeUnknown();
        if (committed != null) {
            resetTo(committed);
            keepTrack(clock.instant());
        }
        Thread.sleep(backoff.toMillis());
    }

    /**
     * While Kafka is away, notices truncations and new files without reading, so a copytruncate copy made (and
     * deleted) during an outage is open, and read once Kafka is back. The torture harness's 60 s outage lost
     * 32,000-110,000 lines per copytruncate container when the loop waited in the producer meanwhile.
     */
    private void keepTrack(Instant now) throws IOException {
        boolean replaced = false;
        for (FollowedFile f : followers.values()) {
            try {
                replaced |= f.follower.checkReplaced();
            } catch (IOException e) {
                starter.unreadable(f.follower.file(), FileStarter.CANNOT_READ, e);
            }
        }
        if (replaced) {
            letGoOfReplaced(now, false);
        }
        discover(now);
    }

    /** Sends every file back to its checkpoint in {@code kafka} (what Kafka holds), and the matcher too. */
    private void resetTo(Map<String, FileCheckpoint> kafka) {
        Map<String, FileCheckpoint> unclaimed = new HashMap<>(kafka);
        for (FollowedFile f : followers.values()) {
            if (f.committedOnce) {
                unclaimed.remove(f.key);
            }
        }
        // A file first followed in the aborted round goes back to the committed checkpoint of its content
        // (its own, or the one a copy took over), or to 0 if none was committed: that is what Kafka holds.
        for (FollowedFile f : followers.values()) {
            FileCheckpoint base = f.committedOnce ? kafka.get(f.key) : f.committedContent(unclaimed);
            if (!f.committedOnce && base != null) {
                unclaimed.values().remove(base);
            }
            f.follower.reset(base);
            f.finished = false;
        }
        matcher.reset(unclaimed, clock.instant());
        starter.clearIgnored();
        scanDue = true;
    }

    /** Commits what was read; call once reading has stopped. */
    void finish() throws IOException {
        if (committed != null) {
            Instant now = clock.instant();
            for (FollowedFile f : followers.values()) {
                if (f.gone) {
                    // Only this descriptor can reach a file renamed away, moved or deleted: read it to its end
                    // (and send what the joiner holds) before stopping, for the next shipper may not find it.
                    while (read(f, BYTES_PER_ROUND, now) > 0) {
                        // to the end
                    }
                    if (f.follower.atEnd() && !f.follower.replaced()) {
                        f.follower.finish(sink, now);
                    }
                }
            }
            commit(now);
        }
    }

    /** True once a round was committed. */
    /** When Kafka last answered this loop's restore or commit, in epoch ms; 0 before it did. */
    long kafkaAnsweredMillis() {
        return kafkaAnsweredMillis;
    }

    boolean roundCommitted() {
        return roundCommitted;
    }

    /** The number of files followed now. */
    int filesFollowed() {
        return followers.size();
    }

    @Override
    public void close() throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (FollowedFile f : followers.values()) {
            try {
                f.follower.close();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        followers.clear();
        sources.forEach(Source::close);
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
