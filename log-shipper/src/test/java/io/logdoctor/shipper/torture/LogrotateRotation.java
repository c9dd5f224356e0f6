package io.logdoctor.shipper.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real logrotate (Debian's {@code logrotate} package, {@code /usr/sbin/logrotate}) rotating one container's
 * log with {@code -f} and a configuration of its own, the way a node's cron job runs it over
 * {@code /var/log/containers}-style paths. Two configurations, the ones logrotate's man page and most node
 * images use:
 * <ul>
 *   <li>{@code copytruncate} + {@code compress} without {@code delaycompress}: logrotate copies {@code 0.log}
 *       to {@code 0.log.1}, truncates {@code 0.log}, then gzips the copy to {@code 0.log.1.gz} and removes it at
 *       once, so an unread tail is only ever in a {@code .gz} a moment later; older ones shift to {@code .2.gz}...</li>
 *   <li>{@code create} + {@code dateext} + {@code compress} + {@code delaycompress}: {@code 0.log} renamed to
 *       {@code 0.log-<date>}, a new {@code 0.log} created, the previous rotation gzipped; the writer reopens (what
 *       a {@code postrotate} signal makes a daemon do).</li>
 * </ul>
 * logrotate's own copytruncate window (lines written between its copy and its truncation are in neither file,
 * as its man page warns) cannot open here: the harness holds the log's lock while logrotate runs.
 */
final class LogrotateRotation implements Rotation {

    /** The binary, if this machine has it ({@code .ci/run} installs Debian's {@code logrotate}). */
    static final Optional<Path> BINARY = Stream.of("/usr/sbin/logrotate", "/sbin/logrotate", "/usr/bin/logrotate")
            .map(Path::of).filter(Files::isExecutable).findFirst();

    /** Rotations kept, logrotate's {@code rotate N}. */
    private static final int KEEP = 3;

    enum Style { COPYTRUNCATE_COMPRESS, CREATE_DATEEXT }

    private final Style style;
    private Path config;
    private Path state;

    LogrotateRotation(Style style) {
        this.style = style;
    }

    /** dateext names a rotation by the second ({@code dateformat -%Y%m%d-%H%M%S}); logrotate skips a rotation whose name exists. */
    @Override
    public Duration minInterval() {
        return style == Style.CREATE_DATEEXT ? Duration.ofMillis(1100) : Duration.ZERO;
    }

    @Override
    public String rotate(ContainerLog log) throws IOException {
        Path binary = BINARY.orElseThrow(() -> new IOException("logrotate is not installed (Debian package logrotate)"));
        if (config == null) {
            writeConfig(log.file());
        }
        Process p = new ProcessBuilder(binary.toString(), "-f", "-s", state.toString(), config.toString())
                .redirectErrorStream(true).start();
        String output;
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("logrotate did not finish within 30 s on " + log.file());
            }
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while logrotate ran", e);
        }
        if (p.exitValue() != 0 || !output.isEmpty()) {
            throw new IOException("logrotate exited " + p.exitValue() + " on " + config + ": " + output);
        }
        if (style == Style.CREATE_DATEEXT) {
            log.reopen();
        } else {
            log.truncate(); // logrotate truncated it already; this resets the writer's count of the file's size
        }
        return "logrotate " + style + " -> " + listing(log.file());
    }

    private void writeConfig(Path file) throws IOException {
        Path dir = Files.createTempDirectory("logrotate-" + file.getParent().getFileName() + "-");
        config = dir.resolve("logrotate.conf");
        state = dir.resolve("logrotate.state");
        List<String> directives = style == Style.COPYTRUNCATE_COMPRESS
                ? List.of("copytruncate", "compress")
                : List.of("create", "dateext", "dateformat -%Y%m%d-%H%M%S", "compress", "delaycompress");
        StringBuilder text = new StringBuilder("\"" + file.toAbsolutePath() + "\" {\n    rotate " + KEEP + "\n    missingok\n");
        directives.forEach(d -> text.append("    ").append(d).append('\n'));
        Files.writeString(config, text.append("}\n"));
    }

    /** The container directory after the rotation, for the journal. */
    private static String listing(Path file) throws IOException {
        try (Stream<Path> files = Files.list(file.getParent())) {
            return String.join(" ", files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }
}
