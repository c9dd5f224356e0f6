package io.logdoctor.shipper;

import io.logdoctor.shipper.testing.RawLines;
import io.logdoctor.shipper.testing.Topics4Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every real rotation ({@link RotationWriter.Style}: the kubelet's rename and gzip, other suffixes, logrotate's
 * numbered and dateext names, a move out of the tree, docker's json-file, copytruncate in its three forms)
 * at a few thousand lines a second, with the shipper stopped in the middle while the writer goes on
 * rotating, and a new one started: every line on logs.raw once, read_committed.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class RotationVariantsIT {

    private static final int LINES_PER_SECOND = 3000;
    private static final int SECONDS = 8;
    private static final int ROTATE_EVERY = 4000;
    /**
     * Rotated files kept. Deleting a file while no shipper runs loses it for any shipper (that is counted, see
     * ShipperLoopRotationTest); here rotations come every 1.3 s, not minutes, so more are kept to keep
     * deletion out of what this measures: a rotation must outlive the shipper's restart.
     */
    private static final int KEEP = 10;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(RotationWriter.Style.class)
    void shouldShipEveryLineOnceWhateverTheRotation(RotationWriter.Style style, EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Topics4Test.create(bootstrap);
        Path pods = dir.resolve("pods");
        String cluster = "variants-" + style.name().toLowerCase();
        ShipperConfig config = ShipperConfig.defaults(bootstrap, pods, dir.resolve("state")).withCluster(cluster)
                .withNode("node-v").withPollInterval(Duration.ofMillis(50));
        AtomicReference<LogShipper> shipper = new AtomicReference<>(LogShipper.start(config));
        CompletableFuture<Void> restarted = null;
        AtomicBoolean down = new AtomicBoolean();
        try (RotationWriter writer = new RotationWriter(pods, "c-" + style.ordinal(), style, KEEP);
             RawLines raw = new RawLines(bootstrap, cluster)) {
            // A shipper runs before the files start moving: what rotates away before any shipper ever ran
            // is out of reach for every shipper.
            writer.writeLine();
            assertTrue(raw.pollUntil(r -> r.counts.size() == 1, Duration.ofSeconds(60)), "the shipper did not start");
            long total = (long) LINES_PER_SECOND * SECONDS;
            long start = System.nanoTime();
            for (long i = 1; i < total; i++) {
                writer.writeLine();
                // Content destroyed or taken out of reach while no shipper runs is lost for any shipper (and
                // counted after 10 min): a file moved out of the tree, a copy written over (or in place of) the
                // only copy. Rotations here come every 1.3 s, shorter than a restart, so for those styles they
                // wait for the new shipper; rotating while one follows the files is what is tested.
                boolean unfindable = down.get() && (style == RotationWriter.Style.MOVED_OUT
                        || style == RotationWriter.Style.COPYTRUNCATE_OVER || style == RotationWriter.Style.COPYTRUNCATE_REUSE);
                if (writer.written() % ROTATE_EVERY == 0 && !unfindable) {
                    writer.rotate();
                }
                if (i == total / 2) {
                    // Stopped mid-stream; the writer goes on rotating (and the kubelet compressing) meanwhile.
                    down.set(true);
                    restarted = CompletableFuture.runAsync(() -> {
                        shipper.get().close();
                        sleep(1500);
                        shipper.set(LogShipper.start(config));
                        await(shipper.get());
                        down.set(false);
                    });
                }
                long wait = start + (i + 1) * 1_000_000_000L / LINES_PER_SECOND - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000);
                }
            }
            restarted.join();
            boolean complete = raw.pollUntil(r -> r.hasAll(writer.container(), writer.written()), Duration.ofSeconds(90));
            raw.pollUntil(r -> false, Duration.ofSeconds(2)); // late duplicates would show up now
            long lost = raw.lost(writer.container(), writer.written());
            System.out.printf("RotationVariantsIT %s: wrote %d lines, rotated every %d; lost %d %s, duplicated %d%n",
                    style, writer.written(), ROTATE_EVERY, lost, missing(raw, writer), raw.duplicated());
            assertTrue(complete, style + ": lost " + lost);
            assertEquals(0, raw.duplicated(), style + ": duplicated");
        } finally {
            if (restarted != null) {
                restarted.join();
            }
            shipper.get().close();
        }
    }

    /** The ranges of line numbers missing on logs.raw, for the report. */
    static String missing(RawLines raw, RotationWriter writer) {
        StringBuilder out = new StringBuilder();
        long from = -1;
        for (long i = 0; i <= writer.written(); i++) {
            boolean gone = i < writer.written() && !raw.counts.containsKey(writer.container() + "-" + i);
            if (gone && from < 0) {
                from = i;
            } else if (!gone && from >= 0) {
                out.append(out.length() == 0 ? "" : ",").append(from).append('-').append(i - 1);
                from = -1;
            }
        }
        return "[" + out + "]";
    }

    /** Waits until {@code shipper} has committed once (its start-up, checkpoints restored, is over). */
    private static void await(LogShipper shipper) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!shipper.metricsText().contains("logdoctor_shipper_commits_total ") || shipper.metricsText()
                .contains("logdoctor_shipper_commits_total 0.0\n")) {
            if (System.nanoTime() > deadline) {
                return;
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
