package io.logdoctor.shipper.files;

import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.shipper.ShipperMetrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opens a newly listed file and starts following it where the {@link CheckpointMatcher} says, for the
 * {@code ShipperLoop}. Remembers which {@code .gz} files are not to be read (so they are not decompressed
 * again at every scan) and which paths could not be read (counted in {@code errors_total} and logged once
 * each until they can be). Not thread-safe.
 */
final class FileStarter {

    static final String CANNOT_OPEN = "cannot open {}; skipping it, and trying again at each scan: {}";
    static final String CANNOT_READ = "cannot read {}; retrying every round: {}";
    private static final Logger log = LoggerFactory.getLogger(FileStarter.class);

    private final ShipperConfig config;
    private final ShipperMetrics metrics;
    private final CheckpointMatcher matcher;
    private final Set<String> unreadable = new HashSet<>();
    /**
     * {@code .gz} files (key/size) not to read: with the complete checkpoint they match (kept held while they
     * are there), or null for a copy of a followed file.
     */
    private final Map<String, FileCheckpoint> ignored = new HashMap<>();
    private boolean rescan;

    FileStarter(ShipperConfig config, ShipperMetrics metrics, CheckpointMatcher matcher) {
        this.config = config;
        this.metrics = metrics;
        this.matcher = matcher;
    }

    /**
     * Takes a scan's {@code listed} files: notes renames of {@code followers}, starts following new ones (files
     * with a checkpoint of their own first) and marks followed files no longer listed as gone.
     *
     * @return true if a rescan is due soon (a file to look at again)
     */
    boolean update(List<Listing.Entry> listed, Map<String, FollowedFile> followers, Instant now) throws IOException {
        Set<String> seen = new HashSet<>();
        Set<String> seenIgnored = new HashSet<>();
        List<Map.Entry<String, LogFile>> fresh = new ArrayList<>();
        for (Listing.Entry entry : listed) {
            LogFile file = entry.file();
            if (entry.error() != null) {
                unreadable(file.path().toString(), CANNOT_OPEN, entry.error());
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
            } else if (ignored(key, size, now)) {
                seenIgnored.add(key + "/" + size);
            } else {
                fresh.add(Map.entry(key, file));
            }
        }
        ignored.keySet().retainAll(seenIgnored);
        // Files with a checkpoint of their own first, so their content is not mistaken for a copy's.
        Set<String> known = fresh.isEmpty() ? Set.of() : matcher.fileKeys();
        fresh.sort((a, b) -> Boolean.compare(!known.contains(a.getKey()), !known.contains(b.getKey())));
        for (Map.Entry<String, LogFile> entry : fresh) {
            FollowedFile f = start(entry.getValue(), followers, now);
            if (f != null) {
                followers.put(f.key, f);
            }
        }
        for (Map.Entry<String, FollowedFile> e : followers.entrySet()) {
            if (!seen.contains(e.getKey()) && !e.getValue().gone) {
                e.getValue().gone = true;
                log.info("{} is gone (renamed, moved or deleted); reading it on through its open handle until it "
                        + "stays at its end for {} s", e.getValue().follower.file(), FileSource.DRAIN_QUIET.toSeconds());
            }
        }
        boolean r = rescan;
        rescan = false;
        return r;
    }

    /**
     * Starts following {@code file}, or not (a copy in progress, a {@code .gz} not to read, an error).
     *
     * @param followers the files followed now, by key
     * @return the new follower, or null
     */
    FollowedFile start(LogFile file, Map<String, FollowedFile> followers, Instant now) throws IOException {
        FileTailer tailer = new FileTailer(file.path(), 0, config.maxLineBytes(), file.compressed());
        FileCheckpoint start;
        FileFingerprint fp;
        try {
            fp = tailer.fingerprint();
            if (followers.containsKey(fp.key())) {
                tailer.close(); // replaced between our look and our open; the next scan sorts it out
                rescan = true;
                return null;
            }
            CheckpointMatcher.Decision decision = matcher.decide(file.path(), fp, tailer.head(), tailer.size(),
                    file.rotated(), file.compressed(), () -> siblings(file, followers), now);
            if (decision instanceof CheckpointMatcher.Decision.Wait) {
                tailer.close();
                rescan = true; // a copy in progress: look again next round
                return null;
            }
            if (decision instanceof CheckpointMatcher.Decision.Ignore ignore) {
                tailer.close();
                ignored.put(fp.key() + "/" + Files.size(file.path()), ignore.held());
                return null;
            }
            if (decision instanceof CheckpointMatcher.Decision.SkipTo skip) {
                start = FileCheckpoint.of(file.path().toString(), fp, skip.size(), skip.size(), Map.of(), null);
            } else {
                start = ((CheckpointMatcher.Decision.Start) decision).checkpoint();
            }
        } catch (NoSuchFileException e) {
            tailer.close();
            return null;
        } catch (IOException | RuntimeException e) {
            tailer.close();
            unreadable(file.path().toString(), CANNOT_OPEN, e);
            return null;
        }
        return follow(file, tailer, fp, start, now);
    }

    /**
     * Starts following {@code file}, a rescued copy, from {@code start} (null: from 0), which the caller took from
     * the matcher; null if it cannot be opened.
     */
    FollowedFile startAt(LogFile file, FileCheckpoint start, Instant now) throws IOException {
        FileTailer tailer = new FileTailer(file.path(), 0, config.maxLineBytes(), false);
        try {
            return follow(file, tailer, tailer.fingerprint(), start, now);
        } catch (IOException | RuntimeException e) {
            tailer.close();
            unreadable(file.path().toString(), CANNOT_OPEN, e);
            return null;
        }
    }

    private FollowedFile follow(LogFile file, FileTailer tailer, FileFingerprint fp, FileCheckpoint start, Instant now) {
        readable(file.path().toString());
        PodLogFollower follower = new PodLogFollower(file.path(), file.pod(), tailer, start, config, metrics);
        log.info("following {} ({}) from offset {}{}", file.path(), fp.key(), start == null ? 0 : start.offset(),
                start != null && !start.key().equals(fp.key()) ? " (the content of " + start.path() + ")" : "");
        return new FollowedFile(follower, fp.key(), file, now);
    }

    /** The fingerprints of the files followed in {@code file}'s directory. */
    private static List<FileFingerprint> siblings(LogFile file, Map<String, FollowedFile> followers) {
        Path dir = file.path().getParent();
        List<FileFingerprint> siblings = new ArrayList<>();
        for (FollowedFile f : followers.values()) {
            if (f.file.path().getParent().equals(dir)) {
                try {
                    siblings.add(f.follower.fingerprint());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return siblings;
    }

    /** True if the {@code .gz} {@code key} of {@code size} bytes is not to be read; keeps its checkpoint held. */
    boolean ignored(String key, long size, Instant now) {
        String k = key + "/" + size;
        if (!ignored.containsKey(k)) {
            return false;
        }
        if (ignored.get(k) != null) {
            matcher.refresh(ignored.get(k), now);
        }
        return true;
    }

    /** Looks at every {@code .gz} again at the next scan (the checkpoints they may match changed). */
    void clearIgnored() {
        ignored.clear();
    }

    /** Counts and logs {@code path} that cannot be read (message with two {}), once until it can be. */
    void unreadable(String path, String message, Exception e) {
        if (unreadable.add(path)) {
            metrics.error(ShipperMetrics.UNREADABLE_FILE);
            log.warn(message, path, e.toString());
        }
    }

    /** {@code path} could be read. */
    void readable(String path) {
        unreadable.remove(path);
    }
}
