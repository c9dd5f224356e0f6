package io.logdoctor.shipper.files;

import io.logdoctor.shipper.ShipperMetrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * What cannot be recovered is never silent: a checkpoint dropped before its content was read to its end
 * (the file was deleted, or truncated with no copy found, while no shipper could read it) is counted in
 * {@code logdoctor_shipper_files_lost_total{reason}} and, with the bytes known to have been there,
 * {@code logdoctor_shipper_bytes_lost_total{reason}}, and logged at WARN with the file and byte range. How
 * much was written after the last read is unknown (the file is gone), so the byte count is a lower bound.
 */
public final class LostBytes {

    /** The content was not found again within {@link CheckpointMatcher#LOST_AFTER}: deleted or truncated unread. */
    public static final String NOT_FOUND = "not_found";
    /** A file let go with a last line that never got its newline. */
    public static final String UNTERMINATED = "unterminated_line";
    private static final Logger log = LoggerFactory.getLogger(LostBytes.class);

    private LostBytes() {
    }

    /** Counts and logs the unterminated last line of {@code done}, a file read to its end and let go, if any. */
    static void reportUnterminated(FileCheckpoint done, ShipperMetrics metrics) {
        long unread = done.unread();
        if (unread > 0) {
            metrics.lost(UNTERMINATED, unread);
            log.warn("LOST bytes {} to {} of {} (device:inode {}): its last line never got a newline before the file "
                    + "was let go", done.end(), done.size(), done.path(), done.key());
        }
    }

    /**
     * Counts and logs {@code dropped} unless its content was known to be read to its end, or it was a rotation
     * (gzipped or not) read to the size it had with no event left open (a rotation is no longer written: nothing is known to be missing). A checkpoint that
     * never learned its file's size (version 1, or saved before this shipper looked) is reported: nothing says it
     * was read.
     */
    static void report(FileCheckpoint dropped, ShipperMetrics metrics) {
        long unread = dropped.unread();
        // An event still open on a stream (the joiner waits for its quiet time before it ships a stream's last line)
        // was read but not shipped: resuming would read it again from the file, which is gone.
        boolean open = !dropped.streams().isEmpty();
        if (!open && (dropped.complete() || (unread == 0 && dropped.size() != null && dropped.path() != null
                && PodLogPath.isAnyRotation(Path.of(dropped.path()).getFileName().toString())))) {
            return;
        }
        metrics.lost(NOT_FOUND, unread);
        log.warn("LOST the content of {} (device:inode {}) from byte {} to its end ({}): the file was deleted, or "
                        + "truncated without a copy, before it was read, and no file with its content appeared within {} s",
                dropped.path(), dropped.key(), open ? dropped.offset() : dropped.end(), unshipped(dropped, open, unread),
                CheckpointMatcher.LOST_AFTER.toSeconds());
    }

    /** Counts and logs the bytes of {@code claimed} past {@code copyEnd}: its rescued copy, read instead, ends there. */
    static void reportBeyondCopy(FileCheckpoint claimed, long copyEnd, ShipperMetrics metrics) {
        metrics.lost(NOT_FOUND, claimed.size() - copyEnd);
        log.warn("LOST bytes {} to {} of {} (device:inode {}): it was overwritten while Kafka was away, and its rescued "
                + "copy ends at byte {} (the rescue directory full, or the bytes written in the last {} ms before it)",
                copyEnd, claimed.size(), claimed.path(), claimed.key(), copyEnd, Rescuer.PASS.toMillis());
    }

    /** What of {@code dropped} is known not to have been shipped, for the WARN line. */
    private static String unshipped(FileCheckpoint dropped, boolean open, long unread) {
        if (open) {
            return "the events open on " + dropped.streams().keySet() + " from byte " + dropped.offset()
                    + " were read but not shipped yet"
                    + (unread > 0 ? ", and at least " + unread + " bytes after byte " + dropped.end() + " were not read" : "");
        }
        return unread > 0 ? "at least " + unread + " bytes; it was " + dropped.size() + " bytes when last read"
                : "it was read to the " + dropped.end() + " bytes it had; what was written after is unknown";
    }
}
