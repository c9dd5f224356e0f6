package io.logdoctor.shipper.torture;

import java.util.Arrays;
import java.util.List;

/**
 * How one container's log is rotated, each the way a real node does it; a case gives every container one
 * mode, and the container is named after it.
 */
enum Mode {
    /** kubelet: rename {@code 0.log} to {@code 0.log.<YYYYmmdd-HHMMSS>}, reopen, gzip the older rotations. */
    KUBELET("kubelet"),
    /** kubelet's rotation with a name outside its exact grammar: {@code 0.log.<YYYYmmdd-HHMMSS>-<n>}. */
    KUBELET_NONEXACT("kubelet-nonexact"),
    /** logrotate copytruncate (rotate 3, no dateext): shift {@code .1}/{@code .2}, copy to a new {@code .1}, truncate. */
    COPYTRUNCATE_NEW("ct-new"),
    /** {@code cp 0.log 0.log.1; truncate}: the copy written over the existing {@code 0.log.1} (same inode). */
    COPYTRUNCATE_EXISTING("ct-existing"),
    /** {@code rm 0.log.1; cp 0.log 0.log.1; truncate}: the new copy usually gets the deleted copy's inode. */
    COPY_INODE_REUSE("ct-reuse"),
    /** copytruncate to a new file, also once during every shipper downtime (truncated while no shipper runs). */
    TRUNCATE_WHILE_DOWN("ct-down"),
    /** kubelet's rotation, also twice during every downtime: the file being read is gzipped before the restart. */
    GZIP_WHILE_DOWN("gz-down"),
    /** The real logrotate: copytruncate + compress (no delaycompress), so the copy is gzipped at once; once more while down. */
    LOGROTATE_COPYTRUNCATE_GZ("lr-ct-gz"),
    /** The real logrotate: create + dateext + compress + delaycompress (a rename to {@code 0.log-<date>}, reopen). */
    LOGROTATE_DATEEXT("lr-dateext");

    private final String container;

    Mode(String container) {
        this.container = container;
    }

    /** The container (and pod) name of this mode's log. */
    String container() {
        return container;
    }

    /** Rotations done while the shipper is down, between a kill and the restart. */
    int rotationsWhileDown() {
        return switch (this) {
            case TRUNCATE_WHILE_DOWN -> 1;
            case GZIP_WHILE_DOWN -> 2;
            case LOGROTATE_COPYTRUNCATE_GZ -> 1;
            default -> 0;
        };
    }

    /** A fresh rotation of this kind. */
    Rotation rotation() {
        return switch (this) {
            case KUBELET, GZIP_WHILE_DOWN -> new KubeletRotation(false);
            case KUBELET_NONEXACT -> new KubeletRotation(true);
            case COPYTRUNCATE_NEW, TRUNCATE_WHILE_DOWN -> new CopyTruncateRotation(CopyTruncateRotation.Copy.NEW_FILE);
            case COPYTRUNCATE_EXISTING -> new CopyTruncateRotation(CopyTruncateRotation.Copy.OVER_EXISTING);
            case COPY_INODE_REUSE -> new CopyTruncateRotation(CopyTruncateRotation.Copy.AFTER_DELETE);
            case LOGROTATE_COPYTRUNCATE_GZ -> new LogrotateRotation(LogrotateRotation.Style.COPYTRUNCATE_COMPRESS);
            case LOGROTATE_DATEEXT -> new LogrotateRotation(LogrotateRotation.Style.CREATE_DATEEXT);
        };
    }

    /** Whether this machine can run the mode (the logrotate ones need the real binary). */
    boolean available() {
        return !container().startsWith("lr-") || LogrotateRotation.BINARY.isPresent();
    }

    /** The modes this machine can run; the others are named on stdout, with why. */
    static List<Mode> availableModes() {
        List<Mode> missing = Arrays.stream(values()).filter(m -> !m.available()).toList();
        if (!missing.isEmpty()) {
            System.out.println("torture: left out " + missing.stream().map(Mode::container).toList()
                    + ": logrotate is not installed (Debian package logrotate; .ci/run installs it)");
        }
        return Arrays.stream(values()).filter(Mode::available).toList();
    }
}
