package io.logdoctor.shipper;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Decides where a newly seen file starts: which saved checkpoint, if any, belongs to it.
 *
 * <p>It holds the checkpoints no follower has claimed: those read at start (or after a rewind) and those
 * of files whose content left their inode (truncated, or deleted and read to the end). A new file
 * resumes:
 * <ol>
 *   <li>from the checkpoint of its device and inode, if its first bytes still match (a rename keeps both;
 *       a reused inode or a truncated file does not match and starts from 0);</li>
 *   <li>else from a checkpoint whose content fingerprint its first bytes match: a copy made by
 *       copytruncate carries on where the original was cut off, so no line is read twice;</li>
 *   <li>else, if it is a rotated file whose first bytes match a file still followed and not truncated yet,
 *       it is a copy in progress: wait for the truncation (up to {@link #COPY_WAIT}), then, if none came,
 *       skip it as a duplicate of content that the original still holds;</li>
 *   <li>else from 0: a new file.</li>
 * </ol>
 * Unclaimed checkpoints are forgotten after {@link #KEEP}. Not thread-safe.
 */
final class CheckpointMatcher {

    static final Duration KEEP = Duration.ofMinutes(10);
    static final Duration COPY_WAIT = Duration.ofSeconds(10);
    /** More unclaimed checkpoints than this are dropped oldest first, so memory stays bounded. */
    static final int MAX_UNCLAIMED = 10_000;

    /** What a new file should do. */
    sealed interface Decision {
        /** Start reading at {@code checkpoint} (null: from 0). */
        record Start(FileCheckpoint checkpoint) implements Decision {
        }

        /** A copy in progress: look again at the next scan. */
        record Wait() implements Decision {
        }

        /** A complete duplicate of a followed file: start at its end, {@code size}. */
        record SkipTo(long size) implements Decision {
        }
    }

    private record Unclaimed(FileCheckpoint checkpoint, Instant since) {
    }

    private final Map<String, Unclaimed> unclaimed = new HashMap<>();
    private final Map<String, Instant> waiting = new HashMap<>();

    /** Makes {@code checkpoints} (committed ones, by key) claimable, replacing what was held. */
    void reset(Map<String, FileCheckpoint> checkpoints, Instant now) {
        unclaimed.clear();
        waiting.clear();
        checkpoints.values().forEach(c -> add(c, now));
    }

    /** Holds a checkpoint whose content may show up in another file (or again at its inode). */
    void add(FileCheckpoint checkpoint, Instant now) {
        unclaimed.put(checkpoint.key(), new Unclaimed(checkpoint, now));
        if (unclaimed.size() > MAX_UNCLAIMED) {
            unclaimed.values().stream().min((a, b) -> a.since.compareTo(b.since))
                    .ifPresent(oldest -> unclaimed.remove(oldest.checkpoint.key()));
        }
    }

    /** True if a checkpoint is held for this device and inode. */
    boolean knows(String key) {
        return unclaimed.containsKey(key);
    }

    /**
     * Where the file {@code fp}, whose first bytes are {@code head}, starts.
     *
     * @param path     where the file is; a copy is only looked for in the same directory
     * @param rotated  true for a rotated name ({@code 0.log.20240102-150405})
     * @param followed the fingerprints of the files followed now (in the same directory)
     */
    Decision decide(Path path, FileFingerprint fp, byte[] head, long size, boolean rotated,
                    Collection<FileFingerprint> followed, Instant now) {
        Unclaimed own = unclaimed.get(fp.key());
        if (own != null && matches(own.checkpoint.fingerprint(), head)) {
            unclaimed.remove(fp.key());
            return new Decision.Start(own.checkpoint);
        }
        for (Iterator<Unclaimed> it = unclaimed.values().iterator(); it.hasNext(); ) {
            Unclaimed candidate = it.next();
            if (candidate.checkpoint.fpLength() > 0 && sameDirectory(candidate.checkpoint, path)
                    && matches(candidate.checkpoint.fingerprint(), head)) {
                it.remove();
                waiting.remove(fp.key());
                return new Decision.Start(candidate.checkpoint);
            }
        }
        // A copy still being written (shorter than a full fingerprint) cannot be told from a new file yet.
        boolean partialCopy = head.length < FileFingerprint.BYTES && followed.stream().anyMatch(FileFingerprint::complete);
        if (rotated && (partialCopy || followed.stream().anyMatch(f -> f.length() > 0 && matches(f, head)))) {
            Instant first = waiting.computeIfAbsent(fp.key(), k -> now);
            if (now.isBefore(first.plus(COPY_WAIT))) {
                return new Decision.Wait();
            }
            waiting.remove(fp.key());
            return new Decision.SkipTo(size);
        }
        waiting.remove(fp.key());
        return new Decision.Start(null);
    }

    /** Forgets what was held longer than {@link #KEEP}. */
    void expire(Instant now) {
        unclaimed.values().removeIf(u -> now.isAfter(u.since.plus(KEEP)));
        waiting.values().removeIf(since -> now.isAfter(since.plus(KEEP)));
    }

    private static boolean sameDirectory(FileCheckpoint checkpoint, Path path) {
        Path saved = checkpoint.path() == null ? null : Path.of(checkpoint.path()).getParent();
        return saved != null && saved.equals(path.toAbsolutePath().getParent());
    }

    /** True if {@code head} starts with the bytes {@code fp} was taken of. */
    static boolean matches(FileFingerprint fp, byte[] head) {
        return head.length >= fp.length() && FileFingerprint.crc(head, fp.length()) == fp.crc();
    }
}
