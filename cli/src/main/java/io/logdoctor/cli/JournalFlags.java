package io.logdoctor.cli;

import io.logdoctor.shipper.journal.JournalConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The shipper's journal settings (docs/shipper.md, "The node journal"): off unless {@code --journal}; each
 * also from {@code LOGDOCTOR_JOURNAL*} and the config file.
 */
final class JournalFlags {

    static final String DOCS = "docs/shipper.md";
    static final Setting<Boolean> JOURNAL = Setting.of("journal", Kind.BOOLEAN, "false", "also read the node journal", DOCS);
    static final Setting<Path> DIRECTORY = Setting.of("journal-directory", Kind.PATH, null, "a journal directory (journalctl --directory)",
            DOCS).defaultDescribedAs("the system journal");
    static final Setting<List<String>> UNITS = Setting.of("journal-units", Kind.LIST, String.join(",", JournalConfig.DEFAULT_UNITS),
            "systemd units to read; kernel is the kernel log", DOCS);
    static final Setting<Duration> START = Setting.of("journal-start", Kind.LOOKBACK_OR_ALL, "now",
            "where reading starts while no cursor was committed", DOCS);
    static final Setting<String> JOURNALCTL = Setting.of("journalctl", Kind.STRING, "journalctl", "the journalctl binary", DOCS);
    static final List<Setting<?>> SETTINGS = List.of(JOURNAL, DIRECTORY, UNITS, START, JOURNALCTL);

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
        boolean on = settings.isOn(JOURNAL, journal);
        // Read even when off, so a bad value fails the start rather than the day it is turned on.
        Path dir = settings.get(DIRECTORY, directory);
        List<String> names = settings.get(UNITS, units);
        Duration from = settings.get(START, start);
        String binary = settings.get(JOURNALCTL, journalctl);
        return !on ? null : JournalConfig.defaults().withDirectory(dir).withUnits(names).withStart(from).withJournalctl(binary);
    }
}
