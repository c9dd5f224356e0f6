package io.logdoctor.shipper.files;

import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.shipper.ShipperMetrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rescue as {@link FileSource} uses it: armed while Kafka is away ({@link Rescuer} copies what is not shipped
 * yet), then each rescued copy is either followed, when it holds content that nothing else does, or deleted, once
 * its content was shipped from anywhere. Copies live in {@code <state-dir>/rescue} (a host path in the DaemonSet, so
 * they outlive a crash: the next shipper finds them there).
 *
 * <p>A copy takes over a held checkpoint only after {@link #OFFER_AFTER} unclaimed, longer than a copytruncate copy
 * in progress may wait ({@link CheckpointMatcher#COPY_WAIT}): an original still on disk always claims its checkpoint
 * first, so nothing is read twice. A copy from byte 0 whose content no checkpoint knows (a live file's content born
 * and overwritten while Kafka was away, never committed) is read from 0 as a new file would be.
 */
final class Rescue implements Closeable {

    /** The rescue directory's limit, in bytes; 0 turns the rescue off. */
    static final String MAX_BYTES_PROPERTY = "logdoctor.shipper.rescue-max-bytes";
    static final long DEFAULT_MAX_BYTES = 1024L * 1024 * 1024;
    static final Duration OFFER_AFTER = CheckpointMatcher.COPY_WAIT.plusSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(Rescue.class);

    /** A rescued copy to follow from {@code checkpoint} (null: from 0). */
    record Offer(LogFile file, FileCheckpoint checkpoint) {
    }

    private final RescueStore store;
    private final Rescuer rescuer;
    private final ShipperMetrics metrics;
    /** When Kafka was last back after being away (null before). */
    private Instant backSince;

    Rescue(Path root, long maxBytes, ShipperMetrics metrics) {
        this.store = maxBytes > 0 ? new RescueStore(root, maxBytes) : null;
        this.rescuer = store == null ? null : new Rescuer(store, metrics);
        this.metrics = metrics;
    }

    static Rescue of(ShipperConfig config, ShipperMetrics metrics) {
        return new Rescue(config.stateDir().resolve("rescue"), Long.getLong(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES), metrics);
    }

    /** Kafka is away: copy what is at risk in the followed files' directories. */
    void away(Collection<FollowedFile> followers, Collection<FileCheckpoint> committed) {
        if (rescuer != null) {
            rescuer.arm(dirs(followers), committed);
        }
    }

    /**
     * A start: until the first commit, copy what {@code saved} (the last shipper's {@link CommittedSnapshot}) says is
     * not shipped in the directories of {@code listed}, and rotations of content it does not know that are younger
     * than a let-go checkpoint is held ({@link CheckpointMatcher#KEEP}, a minute to spare).
     */
    void atStart(List<LogFile> listed, CommittedSnapshot.Saved saved) {
        if (rescuer == null) {
            return;
        }
        Map<Path, PodLogPath> dirs = new HashMap<>();
        for (LogFile file : listed) {
            if (file.pod() != null) {
                dirs.put(file.path().getParent(), file.pod());
            }
        }
        rescuer.armAtStart(dirs, saved.committed(),
                saved.savedMillis() - CheckpointMatcher.KEEP.minusMinutes(1).toMillis());
    }

    /** What to copy should the loop stall: the followed files' directories, and what was committed. */
    void watch(Collection<FollowedFile> followers, Collection<FileCheckpoint> committed) {
        if (rescuer != null) {
            rescuer.standby(dirs(followers), committed);
        }
    }

    private static Map<Path, PodLogPath> dirs(Collection<FollowedFile> followers) {
        Map<Path, PodLogPath> dirs = new HashMap<>();
        for (FollowedFile f : followers) {
            if (f.file.pod() != null && !isCopy(f.file.path())) {
                dirs.put(f.file.path().getParent(), f.file.pod());
            }
        }
        return dirs;
    }

    /** A commit went through: the copies stop changing. */
    void back(Instant now) {
        if (rescuer == null) {
            return;
        }
        boolean wasCopying = rescuer.armed();
        rescuer.progress();
        if (wasCopying) {
            backSince = now;
            log.info("committed again: the rescue directory holds {} bytes in {} copies", store.bytes(), store.mirrors().size());
        }
    }

    /** The copies to follow now, each with the held checkpoint it took over (removed from {@code matcher}). */
    List<Offer> offers(CheckpointMatcher matcher, Collection<FollowedFile> followers, Map<String, FileCheckpoint> committed,
                       Instant now) {
        if (store == null || rescuer.armed()) {
            return List.of();
        }
        List<RescueStore.Mirror> mirrors = store.mirrors();
        if (mirrors.isEmpty()) {
            return List.of();
        }
        Set<Path> followed = followedPaths(followers);
        List<Offer> offers = new ArrayList<>();
        for (RescueStore.Mirror m : mirrors) {
            if (followed.contains(m.path)) {
                continue;
            }
            FileCheckpoint claimed = matcher.claimRescued(m.head, m.from, m.upTo, now.minus(OFFER_AFTER));
            if (claimed != null) {
                if (claimed.size() != null && claimed.size() > m.upTo) {
                    LostBytes.reportBeyondCopy(claimed, m.upTo, metrics);
                }
                offers.add(new Offer(m.asLogFile(), claimed));
            } else if (m.from == 0 && (backSince == null || !now.isBefore(backSince.plus(OFFER_AFTER)))
                    && unknown(m, followers, committed.values(), matcher.held().values())) {
                log.info("{} holds content no checkpoint knows (born and overwritten while Kafka was away): reading it "
                        + "from its start", m.path);
                offers.add(new Offer(m.asLogFile(), null));
            }
        }
        return offers;
    }

    /** Deletes the copies whose content was shipped (a checkpoint of it complete, or at or past the copy's end). */
    void collect(Map<String, FileCheckpoint> committed, Collection<FollowedFile> followers) {
        if (store == null || rescuer.armed()) {
            return;
        }
        List<RescueStore.Mirror> mirrors = store.mirrors();
        if (mirrors.isEmpty()) {
            return;
        }
        Set<Path> followed = followedPaths(followers);
        for (RescueStore.Mirror m : mirrors) {
            if (followed.contains(m.path)) {
                continue;
            }
            if (store.untouchedFor(m, CheckpointMatcher.KEEP)) {
                // Nothing claimed it while its checkpoint was held (reported lost by now, if anything was).
                log.info("deleting the rescued copy {}: nothing needed it for {} minutes", m.path, CheckpointMatcher.KEEP.toMinutes());
                store.delete(m);
                continue;
            }
            for (FileCheckpoint c : committed.values()) {
                if (CheckpointMatcher.sameContent(c, m.head) && (c.complete() || c.offset() >= m.upTo)) {
                    log.info("deleting the rescued copy {}: its content was shipped", m.path);
                    store.delete(m);
                    break;
                }
            }
        }
    }

    private static boolean unknown(RescueStore.Mirror m, Collection<FollowedFile> followers,
                                   Collection<FileCheckpoint> committed, Collection<FileCheckpoint> held) {
        if (CheckpointMatcher.contentOf(m.head, committed) != null || CheckpointMatcher.contentOf(m.head, held) != null) {
            return false;
        }
        for (FollowedFile f : followers) {
            try {
                FileFingerprint fp = f.follower.fingerprint();
                // An empty file's fingerprint covers 0 bytes and would match any content: the torture harness's
                // last rotation left 0.log empty, and a copy of 15,000 lines nothing else held was never read.
                if (m.sameContent(f.follower.head()) || fp.length() > 0 && CheckpointMatcher.matches(fp, m.head)) {
                    return false;
                }
            } catch (IOException e) {
                return false; // cannot tell: not now
            }
        }
        return true;
    }

    private static Set<Path> followedPaths(Collection<FollowedFile> followers) {
        Set<Path> paths = new HashSet<>();
        followers.forEach(f -> paths.add(f.file.path()));
        return paths;
    }

    /** True for a rescued copy's path. */
    static boolean isCopy(Path path) {
        return path.getFileName().toString().contains(RescueStore.MARK);
    }

    @Override
    public void close() {
        if (rescuer != null) {
            rescuer.close();
        }
    }
}
