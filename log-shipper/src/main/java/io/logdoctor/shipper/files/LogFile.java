package io.logdoctor.shipper.files;

import java.nio.file.Path;

/**
 * A container log file to follow.
 *
 * @param path    where it is, under the pod-log root (a symlink in /var/log/containers is resolved first)
 * @param pod     the pod metadata taken from that path
 * @param rotated    true for a rotated file ({@code 0.log.20240102-150405}), which is only read to its end
 * @param compressed true for a gzipped rotation ({@code 0.log.20240102-150405.gz}), read only to resume a
 *                   checkpoint whose content it holds
 */
public record LogFile(Path path, PodLogPath pod, boolean rotated, boolean compressed) {

    LogFile(Path path, PodLogPath pod, boolean rotated) {
        this(path, pod, rotated, false);
    }
}
