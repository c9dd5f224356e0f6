package io.logdoctor.shipper.torture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * kubelet's rotation, step for step as kubernetes/kubernetes pkg/kubelet/logs/container_log_manager.go
 * {@code rotateLog} does it: remove {@code .tmp} leftovers and rotations already compressed; remove the
 * oldest until at most {@code MaxFiles-2} rotations are left; gzip every uncompressed rotation (write
 * {@code <f>.tmp}, rename to {@code <f>.gz}, remove {@code <f>}); rename {@code 0.log} to
 * {@code 0.log.<20060102-150405>}; ReopenContainerLog. So only the newest rotation stays uncompressed.
 * MaxFiles is kubelet's default {@code containerLogMaxFiles}, 5.
 */
final class KubeletRotation implements Rotation {

    private static final int MAX_FILES = 5;
    /**
     * kubelet looks at each container's log once per {@code containerLogMonitorInterval} (10 s by default; its
     * config validation refuses less than 3 s) and rotates only a file of at least {@code containerLogMaxSize}
     * ({@code rotateLogs}: {@code if info.Size() < c.policy.MaxSize { continue }}), so one container's log is
     * never rotated twice within 3 s. The harness keeps to that floor, the harshest a real kubelet allows.
     */
    static final Duration MONITOR_INTERVAL = Duration.ofSeconds(3);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** When true, the name is {@code 0.log.<stamp>-<n>}: not kubelet's exact grammar (other rotators, retries). */
    private final boolean nonExactName;
    private LocalDateTime last = LocalDateTime.MIN;
    private int n;

    KubeletRotation(boolean nonExactName) {
        this.nonExactName = nonExactName;
    }

    @Override
    public Duration minInterval() {
        return MONITOR_INTERVAL;
    }

    @Override
    public String rotate(ContainerLog log) throws IOException {
        Path file = log.file();
        String base = file.getFileName().toString();
        List<Path> rotated = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(file.getParent(), base + ".*")) {
            dir.forEach(rotated::add);
        }
        rotated.sort(null); // kubelet: sort.Strings, oldest first (the stamp sorts by time)
        List<String> done = new ArrayList<>();
        List<Path> inUse = new ArrayList<>();
        for (Path p : rotated) {
            String name = p.getFileName().toString();
            if (name.endsWith(".tmp") || (!name.endsWith(".gz") && rotated.contains(p.resolveSibling(name + ".gz")))) {
                Files.delete(p);
            } else {
                inUse.add(p);
            }
        }
        while (inUse.size() > MAX_FILES - 2) {
            Path oldest = inUse.remove(0);
            Files.delete(oldest);
            done.add("removed " + oldest.getFileName());
        }
        for (Path p : inUse) {
            if (!p.getFileName().toString().endsWith(".gz")) {
                gzip(p);
                done.add("gzipped " + p.getFileName());
            }
        }
        Path target = file.resolveSibling(base + "." + stamp());
        Files.move(file, target);
        log.reopen();
        done.add("renamed to " + target.getFileName());
        return String.join(", ", done);
    }

    /** The rotation's time stamp; never the same as the previous one, so a rename cannot replace a rotation. */
    private String stamp() {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        last = now.isAfter(last) ? now : last.plusSeconds(1);
        return last.format(STAMP) + (nonExactName ? "-" + ++n : "");
    }

    private static void gzip(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(tmp))) {
            Files.copy(file, gz);
        }
        Files.move(tmp, file.resolveSibling(file.getFileName() + ".gz"));
        Files.delete(file);
    }
}
