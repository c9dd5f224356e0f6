package io.logdoctor.shipper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What cannot be recovered is never silent: a checkpoint dropped while its content still had unread bytes
 * (the file was deleted, or truncated with no copy found, before any shipper read it) is counted in
 * {@code logdoctor_shipper_bytes_lost_total{reason}} and logged at WARN with the file and byte range.
 */
final class LostBytes {

    /** The content was not found again within {@link CheckpointMatcher#KEEP}: deleted or truncated unread. */
    static final String NOT_FOUND = "not_found";
    private static final Logger log = LoggerFactory.getLogger(LostBytes.class);

    private LostBytes() {
    }

    /** Counts and logs the unread bytes of {@code dropped}, if it had any. */
    static void report(FileCheckpoint dropped, ShipperMetrics metrics) {
        long unread = dropped.unread();
        if (unread <= 0) {
            return;
        }
        metrics.lost(NOT_FOUND, unread);
        log.warn("LOST bytes {} to {} of {} ({} bytes, device:inode {}): the file was deleted, or truncated without "
                        + "a copy, before it was read, and no file with its content appeared within {} min",
                dropped.end(), dropped.size(), dropped.path(), unread, dropped.key(), CheckpointMatcher.KEEP.toMinutes());
    }
}
