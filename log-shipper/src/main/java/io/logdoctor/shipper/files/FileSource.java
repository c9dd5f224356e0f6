package io.logdoctor.shipper.files;

import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.shipper.ShipperMetrics;
import io.logdoctor.shipper.sink.LogSink;

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
 * The node's files as the loop's source: discover files (on a watch event or every scan interval), read a
 * bounded amount from each per round, and hand the round's checkpoints to the loop's commit.
 *
 * <p>Files are followed by identity ({@link FileFingerprint}), not by name: a rename is the same
 * follower under a new path. A file no longer listed (renamed to any name, moved away, deleted) is "gone",
 * which does not mean done: it is read on through its open handle like any other, since its writer may
 * still append to it (the runtime writes to the renamed file until the kubelet's ReopenContainerLog), and
 * let go only once it was read to its end and did not grow for {@link #DRAIN_QUIET}. A file whose content
 * was replaced under the read position (copytruncate, a copy written over it) gives its checkpoint to the
 * {@link CheckpointMatcher}, where the copy claims it; the file itself starts again as new content. Checkpoints
 * nobody claimed yet are committed too, so a crash at any moment keeps them.
 *
 * <p>Not a {@code Source}: its checkpoints are the sink's own typed file checkpoints (restored by
 * {@link LogSink#restore()}, committed as {@link LogSink#commit}'s arguments under un-namespaced keys), a
 * commit of unknown outcome sends it back to what Kafka holds, and after a commit it reports lost bytes and
 * lets go of finished files. The loop calls it in this order each round: {@link #poll}, (the other sources),
 * {@link #settleReplaced}, {@link #stage}, commit, {@link #committed}. Not thread-safe.
 */
public final class FileSource implements Closeable {

    /** Bytes read from one file per round, so one busy file cannot starve the others. */
    static final long BYTES_PER_FILE_PER_ROUND = 1024 * 1024;
    /** Bytes read per round over all files: bounds the size (and duration) of one transaction. */
    public static final long BYTES_PER_ROUND = 16L * 1024 * 1024;
    /** How long a gone file must stay at its end, not growing, before it is let go. */
    public static final Duration DRAIN_QUIET = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(FileSource.class);

    private final PathsProvider paths;
    private final LogSink sink;
    private final ShipperConfig config;
    private final Clock clock;
    private final ShipperMetrics metrics;
    private final CheckpointMatcher matcher = new CheckpointMatcher();
    private final Map<String, FollowedFile> followers = new LinkedHashMap<>();
    private final FileStarter starter;
    private final Rescue rescue;
    private final CommittedSnapshot snapshot;
    private final EarlyStart early;
    private Map<String, FileCheckpoint> committed;
    private Instant lastScan;
    /** The first listing, made on a thread of its own while the checkpoints are read; null once used. */
    private CompletableFuture<List<LogFile>> firstListing;
    private boolean scanDue = true;
    /** A followed file's content was replaced in this round's reading. */
    private boolean replaced;

    /** What one round commits for the files. */
    public record Staged(Map<String, FileCheckpoint> all, Set<String> changed, Set<String> removed, long lines,
                         long bytes, Map<String, Long> lag, List<FileCheckpoint> dropped) {
    }

    public FileSource(PathsProvider paths, LogSink sink, ShipperConfig config, Clock clock, ShipperMetrics metrics) {
        this(paths, sink, config, clock, metrics, null);
    }

    /** A source that goes on from {@code early} (null: it lists and arms the start's rescue in its first round itself). */
    public FileSource(PathsProvider paths, LogSink sink, ShipperConfig config, Clock clock, ShipperMetrics metrics,
                      EarlyStart early) {
        this.paths = paths;
        this.sink = sink;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.starter = new FileStarter(config, metrics, matcher);
        this.early = early != null ? early : new EarlyStart(config, metrics);
        this.rescue = this.early.rescue();
        this.snapshot = this.early.snapshot();
        this.firstListing = this.early.listing();
    }

    /** True once the committed checkpoints were read. */
    public boolean restored() {
        return committed != null;
    }

    /**
     * Starts the first listing on a thread of its own, so the files are listed while the checkpoints are read (and the
     * start's rescue begins), unless {@link EarlyStart} began it.
     */
    public void prefetch() {
        if (committed == null && lastScan == null && firstListing == null) {
            firstListing = early.list(paths);
        }
    }

    /**
     * Takes the committed file checkpoints ({@link LogSink#restore()}).
     *
     * @param readBack true after a commit of unknown outcome: every file goes back to what Kafka holds
     */
    public void restore(Map<String, FileCheckpoint> kafka, boolean readBack) {
        committed = new HashMap<>(kafka);
        if (readBack) {
            log.info("read back {} committed checkpoints after a commit of unknown outcome", committed.size());
            resetTo(committed);
        } else {
            matcher.reset(committed, clock.instant());
            log.info("resuming {} files from their committed checkpoints", committed.size());
        }
    }

    /**
     * Discovers files if due and reads from each.
     *
     * @return true if some file had more to read than one round allows
     */
    public boolean poll(Instant now) throws IOException {
        if (scanDue || lastScan == null || !now.isBefore(lastScan.plus(config.scanInterval()))) {
            discover(now);
        }
        boolean more = false;
        replaced = false;
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
                    // Not read this round, but a truncation must be noticed now: the copy then claims the content
                    // at this file's read position, instead of taking it for content read already (the torture
                    // harness lost 16,706 and 23,385 lines of two copytruncate containers starved while catching up).
                    more = true;
                    replaced |= checkReplaced(f);
                    continue;
                }
                long read = readInRound(f, budget, now);
                roundBudget -= read;
                more |= read >= budget;
                replaced |= f.follower.replaced();
            }
        }
        return more;
    }

    /** After this round's reading: a file whose content was replaced lets go of it, and is discovered as new. */
    public void settleReplaced(Instant now) throws IOException {
        if (replaced) {
            // The old content's checkpoint must be held before this commit overwrites the file's own, so a
            // copy can claim it (now or after a crash); the file itself is then discovered as new content.
            letGoOfReplaced(now, true);
            discover(now);
        }
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

    private boolean checkReplaced(FollowedFile f) {
        try {
            return f.follower.checkReplaced();
        } catch (IOException e) {
            starter.unreadable(f.follower.file(), FileStarter.CANNOT_READ, e);
            return false;
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

    /** Asks for a directory scan in the next round (a watch event came). */
    public void scanSoon() {
        scanDue = true;
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
        scanDue |= starter.update(listed, followers, now);
        for (Rescue.Offer offer : rescue.offers(matcher, followers.values(), committed, now)) {
            FollowedFile f = starter.startAt(offer.file(), offer.checkpoint(), now);
            if (f != null) {
                f.gone = true; // never listed: read to its end, then let go (and deleted once its content is committed)
                followers.put(f.key, f);
            } else if (offer.checkpoint() != null) {
                matcher.hold(offer.checkpoint(), now);
            }
        }
        rescue.watch(followers.values(), committed.values());
    }

    /** The round's checkpoints (every live one, what changed, what is gone) and what was sent, for the commit. */
    public Staged stage(Instant now) throws IOException {
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
        return new Staged(all, changed, removed, lines, bytes, lag, dropped);
    }

    /** The number of files followed now (for the loop's first-commit log line). */
    public int followed() {
        return followers.size();
    }

    /** {@code staged} was committed: it is the committed position; dropped checkpoints are reported, finished files let go. */
    public void committed(Staged staged, Instant now) throws IOException {
        committed = staged.all();
        rescue.back(now);
        snapshot.save(committed, now, false);
        staged.dropped().forEach(c -> LostBytes.report(c, metrics));
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
        rescue.collect(committed, followers.values());
    }

    /**
     * The unit of work was aborted: every file goes back to its last committed checkpoint; meanwhile
     * truncations and new files are noticed without reading, so a copytruncate copy made (and deleted) during
     * an outage is open, and read once Kafka is back. The torture harness's 60 s outage lost 32,000-110,000
     * lines per copytruncate container when the loop waited in the producer meanwhile.
     */
    public void rewind() throws IOException {
        if (committed == null) {
            return;
        }
        resetTo(committed);
        Instant now = clock.instant();
        boolean replacedNow = false;
        for (FollowedFile f : followers.values()) {
            replacedNow |= checkReplaced(f);
        }
        if (replacedNow) {
            letGoOfReplaced(now, false);
        }
        discover(now);
        rescue.away(followers.values(), committed.values());
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

    /**
     * Before the last commit: only this descriptor can reach a file renamed away, moved or deleted, so a gone
     * file is read to its end (and what the joiner holds sent), for the next shipper may not find it.
     */
    public void drainGone(Instant now) throws IOException {
        // Looked at once more first: a file moved away since the last round is reachable only through this descriptor
        // (RotationVariantsIT's MOVED_OUT lost a rotation's held lines when it came in the same millisecond as the stop).
        discover(now);
        for (FollowedFile f : followers.values()) {
            if (f.gone) {
                while (read(f, BYTES_PER_ROUND, now) > 0) {
                    // to the end
                }
                if (f.follower.atEnd() && !f.follower.replaced()) {
                    f.follower.finish(sink, now);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        rescue.close();
        if (committed != null) {
            snapshot.save(committed, clock.instant(), true);
        }
        List<IOException> failures = new ArrayList<>();
        for (FollowedFile f : followers.values()) {
            try {
                f.follower.close();
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
