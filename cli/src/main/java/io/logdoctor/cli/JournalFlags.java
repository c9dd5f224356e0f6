package io.logdoctor.cli;

import io.logdoctor.shipper.JournalConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The shipper's journal settings (docs/shipper.md, "The node journal"): off unless {@code --journal}; each
 * also from {@code LOGDOCTOR_JOURNAL*} and the config file.
 */
final class JournalFlags {

    @Option(names = "--journal", description = "Also read the node's systemd journal (kubelet, containerd, docker, the kernel log) "
            + "with journalctl; needs exactly-once (default: off).")
    boolean journal;

    @Option(names = "--journal-directory", paramLabel = "DIR",
            description = "Journal directory to read (journalctl --directory) (default: the system journal, /var/log/journal and /run/log/journal).")
    String directory;

    @Option(names = "--journal-units", paramLabel = "UNITS",
            description = "Comma-separated systemd units to read; 'kernel' is the kernel log (default: kubelet,containerd,docker,kernel).")
    String units;

    @Option(names = "--journal-start", paramLabel = "now|all|DURATION",
            description = "Where reading starts before any cursor was committed: now, all (the whole journal) or a lookback such as 15m (default: now).")
    String start;

    @Option(names = "--journalctl", paramLabel = "PATH", description = "The journalctl binary (default: journalctl on PATH).")
    String journalctl;

    /** The journal source's settings, or null when it is off. */
    JournalConfig config(Settings settings) {
        String on = settings.get("journal", null, "false").strip();
        if (!on.equals("true") && !on.equals("false")) {
            throw new IllegalArgumentException("setting 'journal' must be true or false; was '" + on + "'");
        }
        if (!journal && on.equals("false")) {
            return null;
        }
        String dir = settings.get("journal-directory", directory, null);
        List<String> names = Arrays.stream(settings.get("journal-units", units, String.join(",", JournalConfig.DEFAULT_UNITS))
                .split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return JournalConfig.defaults()
                .withDirectory(dir == null ? null : Path.of(dir))
                .withUnits(names)
                .withStart(JournalConfig.parseStart(settings.get("journal-start", start, "now")))
                .withJournalctl(settings.get("journalctl", journalctl, "journalctl"));
    }
}
