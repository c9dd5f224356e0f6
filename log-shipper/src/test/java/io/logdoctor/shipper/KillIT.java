package io.logdoctor.shipper;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kill -9 of the shipper process mid-stream, three times, while files rotate: every line exactly once. */
@ExtendWith(EmbeddedKafkaExtension.class)
class KillIT {

    @TempDir
    Path dir;

    private static final int ROTATE_EVERY = 3000;

    @Test
    void shouldShipEveryLineExactlyOnceAcrossThreeKills(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Topics4Test.create(bootstrap);
        Path pods = dir.resolve("pods");
        String cluster = "kill-it";
        int[] kills = {0};
        int[] shippedAtStart = {0};
        Process[] shipper = {start(bootstrap, pods, cluster)};
        try (LogWriter renamed = new LogWriter(pods, "shop", "api-7d9f", "api", LogWriter.Rotation.RENAME);
             LogWriter copied = new LogWriter(pods, "shop", "worker-5c2b", "worker", LogWriter.Rotation.COPYTRUNCATE);
             RawLines raw = new RawLines(bootstrap, cluster)) {
            double rate = LogWriter.drive(List.of(renamed, copied), 2000, 12, ROTATE_EVERY, second -> {
                if (second % 3 == 0 && kills[0] < 3) {
                    // Kill mid-stream, but only once this instance has shipped the files already rotated away:
                    // the writer compresses them a few seconds later, far sooner than a kubelet would, and on a
                    // starved machine kills every few seconds could keep any shipper from reading a file before
                    // it is gone. That would test the machine, not the shipper's exactly-once resume.
                    long apiRotated = renamed.written() / ROTATE_EVERY * ROTATE_EVERY;
                    long workerRotated = copied.written() / ROTATE_EVERY * ROTATE_EVERY;
                    if (!raw.pollUntil(r -> r.counts.size() > shippedAtStart[0] && r.hasAll("api", apiRotated)
                            && r.hasAll("worker", workerRotated), Duration.ofSeconds(60))) {
                        throw new IllegalStateException("the restarted shipper did not catch up within 60 s");
                    }
                    shipper[0].destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                    try {
                        shipper[0].waitFor(10, TimeUnit.SECONDS);
                        kills[0]++;
                        shippedAtStart[0] = raw.counts.size();
                        shipper[0] = start(bootstrap, pods, cluster);
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            long started = System.nanoTime();
            boolean complete = raw.pollUntil(r -> r.hasAll("api", renamed.written()) && r.hasAll("worker", copied.written()),
                    Duration.ofSeconds(90));
            raw.pollUntil(r -> false, Duration.ofSeconds(2));
            long written = renamed.written() + copied.written();
            long lost = raw.lost("api", renamed.written()) + raw.lost("worker", copied.written());
            System.out.printf("KillIT: wrote %d lines at %.0f lines/s, %d kill -9 and restarts; caught up %.1f s after the "
                    + "writer stopped; lost %d, duplicated %d%n", written, rate, kills[0],
                    (System.nanoTime() - started) / 1e9, lost, raw.duplicated());
            if (lost > 0) {
                for (LogWriter w : List.of(renamed, copied)) {
                    for (long i = 0; i < w.written(); i++) {
                        if (!raw.counts.containsKey(w.container() + "-" + i)) {
                            System.out.println("KillIT lost " + w.container() + "-" + i);
                        }
                    }
                }
                java.nio.file.Files.copy(dir.resolve("shipper.log"), Path.of("target", "KillIT-shipper.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            assertEquals(3, kills[0]);
            assertTrue(complete, "lost " + lost);
            assertEquals(0, raw.duplicated());
            assertEquals(written, raw.counts.size());
        } finally {
            shipper[0].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process start(String bootstrap, Path pods, String cluster) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Under failsafe java.class.path is a manifest-only jar whose Class-Path the child follows.
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ShipperMain.class.getName(), bootstrap, pods.toString(), dir.resolve("state").toString(), cluster, "node-k")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("shipper.log").toFile())).start();
    }
}
