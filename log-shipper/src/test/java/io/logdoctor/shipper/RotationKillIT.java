package io.logdoctor.shipper;

import io.logdoctor.shipper.testing.RawLines;
import io.logdoctor.shipper.testing.Topics4Test;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a shipper process while the kubelet rotates and gzips, copytruncate makes new copies, and a
 * rotator uses a name outside the kubelet's grammar: three kills, one of them a second after a start
 * (during start-up), without waiting for the shipper to catch up first. Every line on logs.raw once,
 * read_committed. (A copy written over the only copy, {@code 0.log.1}, loses whatever was not read when the
 * next copy overwrites it while no shipper runs: with rotations every 5 s and a start-up of 10 s on a loaded
 * machine that is content destroyed before any shipper could read it, so that style is tested with a
 * graceful restart in RotationVariantsIT and with kills between copy and truncation in ShipperLoopRotationTest.)
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class RotationKillIT {

    private static final int LINES_PER_SECOND = 3000;
    private static final int SECONDS = 15;
    private static final int ROTATE_EVERY = 5000;
    /** Seconds of writing at which the shipper is killed (and started again at once). */
    private static final Set<Integer> KILL_AT = Set.of(4, 5, 10);

    @TempDir
    Path dir;

    @Test
    void shouldShipEveryLineOnceAcrossKillsDuringRotations(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Topics4Test.create(bootstrap);
        Path pods = dir.resolve("pods");
        String cluster = "rotation-kill-it";
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process[] shipper = {start(bootstrap, pods, cluster, port)};
        int kills = 0;
        try (RotationWriter kubelet = new RotationWriter(pods, "kubelet", RotationWriter.Style.KUBELET, 3);
             RotationWriter copies = new RotationWriter(pods, "copies", RotationWriter.Style.COPYTRUNCATE_NEW, 3);
             RotationWriter suffixed = new RotationWriter(pods, "suffixed", RotationWriter.Style.SUFFIXED, 3);
             RawLines raw = new RawLines(bootstrap, cluster)) {
            List<RotationWriter> writers = List.of(kubelet, copies, suffixed);
            long total = (long) LINES_PER_SECOND * SECONDS;
            long begin = System.nanoTime();
            int second = 0;
            for (long i = 0; i < total; i++) {
                RotationWriter w = writers.get((int) (i % writers.size()));
                w.writeLine();
                if (w.written() % ROTATE_EVERY == 0) {
                    w.rotate();
                }
                long wait = begin + (i + 1) * 1_000_000_000L / LINES_PER_SECOND - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000);
                }
                int now = (int) ((System.nanoTime() - begin) / 1_000_000_000L);
                if (now > second) {
                    second = now;
                    if (KILL_AT.contains(second)) {
                        shipper[0].destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                        shipper[0].waitFor(10, TimeUnit.SECONDS);
                        kills++;
                        shipper[0] = start(bootstrap, pods, cluster, port);
                    }
                }
            }
            long started = System.nanoTime();
            boolean complete = raw.pollUntil(r -> writers.stream().allMatch(w -> r.hasAll(w.container(), w.written())),
                    Duration.ofSeconds(120));
            raw.pollUntil(r -> false, Duration.ofSeconds(2));
            long written = writers.stream().mapToLong(RotationWriter::written).sum();
            StringBuilder lost = new StringBuilder();
            writers.forEach(w -> lost.append(' ').append(w.container()).append('=').append(raw.lost(w.container(), w.written()))
                    .append(' ').append(RotationVariantsIT.missing(raw, w)));
            System.out.printf("RotationKillIT: wrote %d lines in %d s, %d kill -9; caught up %.1f s after the writer stopped;"
                    + " lost%s; duplicated %d%n", written, SECONDS, kills, (System.nanoTime() - started) / 1e9, lost, raw.duplicated());
            if (!complete || raw.duplicated() > 0) {
                Files.copy(dir.resolve("shipper.log"), Path.of("target", "RotationKillIT-shipper.log"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            assertEquals(KILL_AT.size(), kills);
            assertTrue(complete, "lost" + lost);
            assertEquals(0, raw.duplicated());
        } finally {
            shipper[0].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process start(String bootstrap, Path pods, String cluster, int port) throws IOException {
        return ShipperChild.command(List.of(), bootstrap, pods, dir.resolve("state"), cluster, port)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("shipper.log").toFile())).start();
    }
}
