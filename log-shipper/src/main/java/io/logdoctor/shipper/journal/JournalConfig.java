package io.logdoctor.shipper.journal;

import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.shipper.cloudwatch.CloudWatchConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The settings of the journal source ({@link ShipperConfig#journal()}).
 *
 * @param directory  the journal directory to read ({@code journalctl --directory}), or null for the system journal
 * @param units      the systemd units to read ({@code kubelet} is {@code kubelet.service}); the kernel log is {@code kernel}
 * @param start      where reading starts when no cursor was committed yet: null for the whole journal, else a
 *                   lookback from now ({@link Duration#ZERO}: now)
 * @param journalctl the journalctl binary: a name looked up on PATH, or a path
 */
public record JournalConfig(Path directory, List<String> units, Duration start, String journalctl) {

    /** The default units: kubelet, the container runtimes and the kernel log. */
    public static final List<String> DEFAULT_UNITS = List.of("kubelet", "containerd", "docker", "kernel");
    /** The unit name that stands for the kernel log ({@code _TRANSPORT=kernel}). */
    public static final String KERNEL = "kernel";

    public JournalConfig {
        units = List.copyOf(units);
        if (units.isEmpty()) {
            throw new IllegalArgumentException("journal units must name at least one unit (or kernel); was empty");
        }
        for (String unit : units) {
            if (unit.isBlank() || unit.contains("=") || unit.contains(" ") || unit.equals("+")) {
                throw new IllegalArgumentException("journal unit '" + unit + "' is not a systemd unit name");
            }
        }
        if (start != null && start.isNegative()) {
            throw new IllegalArgumentException("journal start must not be negative; was " + start);
        }
        Objects.requireNonNull(journalctl, "journalctl");
    }

    /** The system journal, the default units, starting now, {@code journalctl} from PATH. */
    public static JournalConfig defaults() {
        return new JournalConfig(null, DEFAULT_UNITS, Duration.ZERO, "journalctl");
    }

    public JournalConfig withDirectory(Path directory) {
        return new JournalConfig(directory, units, start, journalctl);
    }

    public JournalConfig withUnits(List<String> units) {
        return new JournalConfig(directory, units, start, journalctl);
    }

    public JournalConfig withStart(Duration start) {
        return new JournalConfig(directory, units, start, journalctl);
    }

    public JournalConfig withJournalctl(String journalctl) {
        return new JournalConfig(directory, units, start, journalctl);
    }

    /** Why the journal cannot be read with these settings (journalctl missing), or null if it can. */
    public String unavailable() {
        try {
            JournalSource.resolve(journalctl, System.getenv("PATH"));
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Parses the start setting: {@code now}, {@code all} (the whole journal) or a lookback such as {@code 15m}.
     *
     * @throws IllegalArgumentException naming the setting and the value
     */
    public static Duration parseStart(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("all")) {
            return null;
        }
        try {
            return CloudWatchConfig.parseStart(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("journal-start must be now, all, or a lookback like 15m, 2h, 1d; was " + value);
        }
    }

    /**
     * The journalctl matches for {@link #units}: units are alternatives of one field, and {@code +} adds the
     * kernel log as another (journalctl(1): matches on one field are ORed, "+" ORs two groups).
     */
    List<String> matches() {
        List<String> unitMatches = new ArrayList<>();
        boolean kernel = false;
        for (String unit : units) {
            if (unit.equals(KERNEL)) {
                kernel = true;
            } else {
                unitMatches.add("_SYSTEMD_UNIT=" + (unit.contains(".") ? unit : unit + ".service"));
            }
        }
        List<String> matches = new ArrayList<>(unitMatches);
        if (kernel) {
            if (!matches.isEmpty()) {
                matches.add("+");
            }
            matches.add("_TRANSPORT=kernel");
        }
        return matches;
    }
}
