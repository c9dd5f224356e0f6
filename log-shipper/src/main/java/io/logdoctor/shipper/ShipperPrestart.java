package io.logdoctor.shipper;

import io.logdoctor.shipper.files.DirectoryWatcher;
import io.logdoctor.shipper.files.EarlyStart;
import io.logdoctor.shipper.files.PodLogScanner;
import io.logdoctor.shipper.files.PodSelector;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A shipper's start begun before its settings are all read: the pod-log listing and the start's rescue ({@link
 * EarlyStart}) need only the pod roots, the selectors and the state directory. The command line begins one as soon
 * as the process runs, before logging, picocli and the rest of the settings (0.15-0.2 s of a 0.3 s start on an idle
 * node, three times that on a busy one), and {@link LogShipper#start} takes it over when its settings name the same
 * files; otherwise it is closed and the start begins its own.
 */
public final class ShipperPrestart implements AutoCloseable {

    private final Files files;
    final ShipperMetrics metrics;
    final DirectoryWatcher watcher;
    final PodLogScanner scanner;
    final EarlyStart early;

    /** What the prestart read: a start whose settings differ does not take it over. */
    private record Files(Path podsRoot, Path containersRoot, Path stateDir, List<String> include, List<String> exclude) {
        static Files of(ShipperConfig config) {
            return new Files(config.podsRoot(), config.containersRoot(), config.stateDir(), config.include(), config.exclude());
        }
    }

    private ShipperPrestart(ShipperConfig config, Clock clock) {
        this.files = Files.of(config);
        this.metrics = new ShipperMetrics(clock);
        this.watcher = new DirectoryWatcher();
        this.scanner = new PodLogScanner(config.podsRoot(), config.containersRoot(),
                new PodSelector(config.include(), config.exclude()));
        scanner.watchWith(watcher);
        scanner.reportErrorsTo(metrics);
        this.early = EarlyStart.begin(scanner, config, metrics);
    }

    /** Lists the pod logs {@code config} names and begins the start's rescue in its state directory. */
    public static ShipperPrestart begin(ShipperConfig config) {
        return new ShipperPrestart(Objects.requireNonNull(config, "config"), Clock.systemUTC());
    }

    /** Whether {@code config} ships the same files from the same state directory as this prestart. */
    boolean fits(ShipperConfig config) {
        return files.equals(Files.of(config));
    }

    /** Stops the rescue and the watcher (the start did not take them over). */
    @Override
    public void close() {
        early.close();
        try {
            watcher.close();
        } catch (IOException e) {
            // nothing to keep: the watcher's inotify descriptors go with it
        }
    }
}
