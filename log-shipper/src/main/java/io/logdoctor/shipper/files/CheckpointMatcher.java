package io.logdoctor.shipper.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Decides where a newly seen file starts: which held checkpoint, if any, belongs to it.
 *
 * <p>It holds the checkpoints no follower has claimed: those committed before a start (or a rewind), and
 * those of content that left its file (truncated, rewritten, or read to its end and let go). They are
 * committed with the followers' checkpoints ({@link #held()}), so a crash at any moment keeps them. A new
 * file resumes:
 * <ol>
 *   <li>from a checkpoint of its own device and inode whose content fingerprint its first bytes match and
 *       whose end it reaches (a rename keeps both; a reused inode or a truncated file does not);</li>
 *   <li>else from a checkpoint whose content fingerprint its first bytes match, whatever its inode: a
 *       copytruncate copy, a rotation renamed while no shipper ran, a gzipped rotation (matched on its
 *       decompressed head). A copy shorter than the checkpoint's end is still being written: it waits up
 *       to {@link #COPY_WAIT}, then starts at its end (the original held more, and that was read);</li>
 *   <li>else, if it is a rotation whose first bytes match a file still followed, it is a copy in progress
 *       or a compression of that file: a {@code .gz} is ignored (the follower reads the original through
 *       its handle); a copy waits for the truncation (up to {@link #COPY_WAIT}), then starts at its end;</li>
 *   <li>else it starts from 0: a new file, or a {@code .gz} of content never seen (compressed before any
 *       shipper found it, as after a long outage). A {@code .gz} of content read to its end is not: its
 *       checkpoint, marked complete, stays held as long as the {@code .gz} is there.</li>
 * </ol>
 * Unclaimed checkpoints are dropped after {@link #KEEP}; {@link #expire} hands them back so that bytes
 * known to be unread are reported as lost. Not thread-safe.
 */
public final class CheckpointMatcher {

    public static final Duration KEEP = Duration.ofMinutes(10);
    /**
     * Unclaimed this long, the unread rest of a checkpoint is reported lost ({@link #overdue}): kubelet writes
     * a {@code .gz} before it deletes the original and a copy is claimed within {@link #COPY_WAIT}, so content
     * not found by then is gone. It stays held (and claimable, with an INFO line) until {@link #KEEP}.
     */
    public static final Duration LOST_AFTER = Duration.ofSeconds(30);
    static final Duration COPY_WAIT = Duration.ofSeconds(10);
    /** More unclaimed checkpoints than this are dropped oldest first, so memory stays bounded. */
    static final int MAX_UNCLAIMED = 10_000;

    /** What a new file should do. */
    sealed interface Decision {
        /** Start reading at {@code checkpoint} (null: from 0), claimed from the held key {@code claimed}. */
        record Start(FileCheckpoint checkpoint, String claimed) implements Decision {
            Start(FileCheckpoint checkpoint) {
                this(checkpoint, null);
            }
        }

        /** A copy in progress: look again at the next scan. */
        record Wait() implements Decision {
        }

        /** Content already read elsewhere: start at its end, {@code size}; {@code claimed} may be null. */
        record SkipTo(long size, String claimed) implements Decision {
        }

        /**
         * Not to be read at all: a {@code .gz} of content read to its end (held as {@code held}, which stays
         * held while the {@code .gz} is there: {@link #refresh}), or of a file still followed ({@code held} null).
         */
        record Ignore(FileCheckpoint held) implements Decision {
        }
    }

    private record Unclaimed(FileCheckpoint checkpoint, Instant since, boolean reported) {
        Unclaimed(FileCheckpoint checkpoint, Instant since) {
            this(checkpoint, since, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(CheckpointMatcher.class);

    private final Map<String, Unclaimed> held = new LinkedHashMap<>();
    private final Map<String, Instant> waiting = new HashMap<>();
    private final List<FileCheckpoint> evicted = new ArrayList<>();

    /** Holds {@code checkpoints} (committed ones, by their commit key), replacing what was held. */
    void reset(Map<String, FileCheckpoint> checkpoints, Instant now) {
        held.clear();
        waiting.clear();
        checkpoints.forEach((key, c) -> held.put(key, new Unclaimed(c, now)));
    }

    /**
     * Holds a checkpoint whose content may show up in another file (or again at its inode).
     *
     * @return the key it is held (and committed) under: its file key, or a key of its content if that is taken
     */
    String hold(FileCheckpoint checkpoint, Instant now) {
        String key = checkpoint.key();
        Unclaimed there = held.get(key);
        if (there != null && !there.checkpoint.fingerprint().sameContent(checkpoint.fingerprint())) {
            key = contentKey(checkpoint);
        }
        held.put(key, new Unclaimed(checkpoint, now));
        if (held.size() > MAX_UNCLAIMED) {
            held.entrySet().stream().min((a, b) -> a.getValue().since.compareTo(b.getValue().since))
                    .ifPresent(oldest -> evicted.add(held.remove(oldest.getKey()).checkpoint));
        }
        return key;
    }

    /**
     * Makes {@code key} free for a follower of that file: a checkpoint held under it (of content the file
     * no longer has) moves to a key of its own content.
     */
    void moveAside(String key) {
        Unclaimed there = held.remove(key);
        if (there != null) {
            held.put(contentKey(there.checkpoint), there);
        }
    }

    private static String contentKey(FileCheckpoint c) {
        return c.key() + "#" + Long.toHexString(c.fpCrc());
    }

    /** The device:inode keys of the files a checkpoint is held for. */
    Set<String> fileKeys() {
        Set<String> keys = new HashSet<>();
        held.values().forEach(u -> keys.add(u.checkpoint.key()));
        return keys;
    }

    /** The checkpoints held now, by the key they are committed under. */
    Map<String, FileCheckpoint> held() {
        Map<String, FileCheckpoint> out = new LinkedHashMap<>();
        held.forEach((key, u) -> out.put(key, u.checkpoint));
        return out;
    }

    /**
     * Where the file {@code fp}, whose first bytes are {@code head}, starts.
     *
     * @param path       where the file is; a copy with a short fingerprint is only looked for in the same directory
     * @param size       its size ({@link Long#MAX_VALUE} if not known, as for gzip)
     * @param rotated    true for a rotated name ({@code 0.log.20240102-150405}, {@code 0.log.1})
     * @param compressed true for a {@code .gz}; {@code head} is then its decompressed head
     * @param followed   the fingerprints of the files followed now (in the same directory)
     */
    Decision decide(Path path, FileFingerprint fp, byte[] head, long size, boolean rotated, boolean compressed,
                    Collection<FileFingerprint> followed, Instant now) {
        return decide(path, fp, head, size, rotated, compressed, () -> followed, now);
    }

    /**
     * {@link #decide(Path, FileFingerprint, byte[], long, boolean, boolean, Collection, Instant)} with the
     * followed fingerprints asked for only if a held checkpoint does not settle it (at a restart with
     * thousands of files, it does for almost every file).
     */
    Decision decide(Path path, FileFingerprint fp, byte[] head, long size, boolean rotated, boolean compressed,
                    Supplier<Collection<FileFingerprint>> followedFingerprints, Instant now) {
        // One CRC per prefix length of the head, not one per held checkpoint: at start there may be thousands.
        Map<Integer, Long> crcs = new HashMap<>();
        Predicate<FileCheckpoint> sameContent = c -> head.length >= c.fpLength()
                && crcs.computeIfAbsent(c.fpLength(), n -> FileFingerprint.crc(head, n)) == c.fpCrc();
        for (Map.Entry<String, Unclaimed> e : held.entrySet()) {
            FileCheckpoint c = e.getValue().checkpoint;
            // A checkpoint of an empty file says nothing of the content: its inode may be reused by any file
            // (the torture harness saw a kubelet .gz take the inode of an empty rotation's .gz and be read again
            // from 0 while its original was still followed). It starts at 0 like a new file, after the checks below.
            if (c.fpLength() > 0 && c.inode() == fp.inode() && c.device() == fp.device() && sameContent.test(c)
                    && size >= c.end()) {
                return claim(e.getKey(), fp, c);
            }
        }
        held.values().removeIf(u -> u.checkpoint.fpLength() == 0 && u.checkpoint.inode() == fp.inode()
                && u.checkpoint.device() == fp.device());
        for (Map.Entry<String, Unclaimed> e : held.entrySet()) {
            FileCheckpoint c = e.getValue().checkpoint;
            if (c.fpLength() > 0 && (c.fpLength() >= FileFingerprint.BYTES || sameDirectory(c, path))
                    && sameContent.test(c)) {
                if (compressed && c.complete()) {
                    return new Decision.Ignore(c); // a compressed copy of content read to its end
                }
                if (size >= c.end()) {
                    return claim(e.getKey(), fp, c);
                }
                if (waited(fp, now)) {
                    held.remove(e.getKey());
                    // Everything up to its end was shipped from it before: a node that lost power keeps only the
                    // appends written back to disk, so a file is found shorter than what was read from its page cache.
                    log.info("{} ({}) has the first bytes of {} but is {} bytes, shorter than the {} already shipped from "
                            + "it, and has not grown for {} s: its end was cut (a power loss, or a truncation to a size); "
                            + "reading on from its end, nothing read twice", path, fp.key(), c.path(), size, c.end(),
                            COPY_WAIT.toSeconds());
                    return new Decision.SkipTo(size, e.getKey());
                }
                return new Decision.Wait();
            }
        }
        Collection<FileFingerprint> followed = followedFingerprints.get();
        // A copy still being written (shorter than a full fingerprint) cannot be told from a new file yet.
        boolean partialCopy = head.length < FileFingerprint.BYTES && followed.stream().anyMatch(FileFingerprint::complete);
        boolean copyOfFollowed = followed.stream().anyMatch(f -> f.length() > 0 && matches(f, head));
        if (compressed && copyOfFollowed) {
            return new Decision.Ignore(null); // the follower reads the original through its handle
        }
        if (rotated && !compressed && (partialCopy || copyOfFollowed)) {
            if (!waited(fp, now)) {
                return new Decision.Wait();
            }
            // Still shorter than a fingerprint after the wait and a copy of nothing followed: not a copy being
            // written but a small rotation (a container that wrote a line or two before it rotated): read it all.
            return copyOfFollowed ? new Decision.SkipTo(size, null) : new Decision.Start(null);
        }
        waiting.remove(fp.key());
        return new Decision.Start(null);
    }

    /**
     * Claims for a rescued copy of content starting with {@code head}, holding its bytes {@code [from, upTo)}, a held
     * checkpoint of that content it can resume (something left to read) and that nothing claimed since {@code heldBefore}.
     *
     * @return the checkpoint, no longer held; null if none
     */
    FileCheckpoint claimRescued(byte[] head, long from, long upTo, Instant heldBefore) {
        for (Map.Entry<String, Unclaimed> e : held.entrySet()) {
            FileCheckpoint c = e.getValue().checkpoint;
            if (!c.complete() && sameContent(c, head) && from <= c.offset()
                    && (c.end() < upTo || (c.end() == upTo && c.offset() < c.end()))
                    && !e.getValue().since.isAfter(heldBefore)) {
                if (held.remove(e.getKey()).reported) {
                    log.info("the content of {} (device:inode {}) reported lost was found after all, in a rescued copy; "
                            + "the lost counters over-count it", c.path(), c.key());
                }
                return c;
            }
        }
        return null;
    }

    /** Keeps {@code checkpoint} held another {@link #KEEP} (under whatever key): its content is still on disk. */
    void refresh(FileCheckpoint checkpoint, Instant now) {
        held.replaceAll((k, u) -> u.checkpoint.equals(checkpoint) ? new Unclaimed(u.checkpoint, now, u.reported) : u);
    }

    private Decision claim(String key, FileFingerprint fp, FileCheckpoint c) {
        if (held.remove(key).reported) {
            log.info("the content of {} (device:inode {}) reported lost was found after all, in {}; the lost "
                    + "counters over-count it", c.path(), c.key(), fp.key());
        }
        waiting.remove(fp.key());
        return new Decision.Start(c, key);
    }

    /** True once the file {@code fp} has waited {@link #COPY_WAIT} (counting from its first wait). */
    private boolean waited(FileFingerprint fp, Instant now) {
        Instant first = waiting.computeIfAbsent(fp.key(), k -> now);
        if (now.isBefore(first.plus(COPY_WAIT))) {
            return false;
        }
        waiting.remove(fp.key());
        return true;
    }

    /**
     * Drops what was held longer than {@link #KEEP} (or evicted to bound memory).
     *
     * @return the checkpoints dropped, so that their unread bytes can be reported as lost
     */
    List<FileCheckpoint> expire(Instant now) {
        List<FileCheckpoint> dropped = new ArrayList<>(evicted);
        evicted.clear();
        held.values().removeIf(u -> {
            if (now.isAfter(u.since.plus(KEEP))) {
                if (!u.reported) {
                    dropped.add(u.checkpoint);
                }
                return true;
            }
            return false;
        });
        waiting.values().removeIf(since -> now.isAfter(since.plus(KEEP)));
        return dropped;
    }

    /**
     * The incomplete checkpoints unclaimed for {@link #LOST_AFTER} and not reported yet, now marked reported:
     * their unread rest is to be reported lost. They stay held until {@link #KEEP}.
     */
    List<FileCheckpoint> overdue(Instant now) {
        List<FileCheckpoint> out = new ArrayList<>();
        held.replaceAll((k, u) -> {
            if (u.reported || u.checkpoint.complete() || !now.isAfter(u.since.plus(LOST_AFTER))) {
                return u;
            }
            out.add(u.checkpoint);
            return new Unclaimed(u.checkpoint, u.since, true);
        });
        return out;
    }

    private static boolean sameDirectory(FileCheckpoint checkpoint, Path path) {
        Path saved = checkpoint.path() == null ? null : Path.of(checkpoint.path()).getParent();
        return saved != null && saved.equals(path.toAbsolutePath().getParent());
    }

    /** True if {@code c} is a checkpoint of content (not of an empty file) that starts with {@code head}'s bytes. */
    static boolean sameContent(FileCheckpoint c, byte[] head) {
        return c.fpLength() > 0 && matches(c.fingerprint(), head);
    }

    /** The first of {@code checkpoints} of the content starting with {@code head}, or null. */
    static FileCheckpoint contentOf(byte[] head, Collection<FileCheckpoint> checkpoints) {
        // One CRC per fingerprint length, not per checkpoint: a rescue pass asks this of every file of a node with a
        // thousand checkpoints, which would be a million CRCs of 256 bytes.
        long[] crcOfLength = new long[head.length + 1];
        Arrays.fill(crcOfLength, -1);
        for (FileCheckpoint c : checkpoints) {
            int n = c.fpLength();
            if (n <= 0 || n > head.length) {
                continue;
            }
            if (crcOfLength[n] < 0) {
                crcOfLength[n] = FileFingerprint.crc(head, n);
            }
            if (crcOfLength[n] == c.fpCrc()) {
                return c;
            }
        }
        return null;
    }

    /** True if {@code head} starts with the bytes {@code fp} was taken of. */
    static boolean matches(FileFingerprint fp, byte[] head) {
        return head.length >= fp.length() && FileFingerprint.crc(head, fp.length()) == fp.crc();
    }
}
