package io.logdoctor.shipper;

import java.nio.file.Path;
import java.util.List;

/**
 * The settings of the journal source ({@link ShipperConfig#journal()}).
 *
 * @param directory the journal directory to read ({@code journalctl --directory}), or null for the system journal
 * @param units     the systemd units to read; the kernel log is {@code kernel}
 */
public record JournalConfig(Path directory, List<String> units) {

    /** The default units: kubelet, the container runtimes and the kernel log. */
    public static final List<String> DEFAULT_UNITS = List.of("kubelet", "containerd", "docker", "kernel");

    public JournalConfig {
        units = List.copyOf(units);
    }
}
