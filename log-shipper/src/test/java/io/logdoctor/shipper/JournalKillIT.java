package io.logdoctor.shipper;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kill -9 of a shipper reading the journal, at random points, three times, while systemd-journal-remote
 * appends entries to the journal file: every entry exactly once on {@code logs.raw} under read_committed.
 * The numbers are printed; {@code -Djournalkill.seed=N} repeats a run's kill times.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class JournalKillIT {

    private static final int PER_APPEND = 250;

    @TempDir
    Path dir;

    @Test
    void shouldShipEveryEntryExactlyOnceAcrossThreeKills(EmbeddedKafka kafka) throws Exception {
        String missing = JournalWriter.unavailable();
        assumeTrue(missing == null, missing);
        String bootstrap = kafka.bootstrapServers();
        Topics4Test.create(bootstrap);
        Path journal = Files.createDirectories(dir.resolve("journal"));
        JournalWriter writer = new JournalWriter(journal);
        writer.append(entries(0), 1_710_000_000_000_000L); // the file exists before the first journalctl
        String cluster = "journal-kill-it";
        long seed = Long.getLong("journalkill.seed", System.currentTimeMillis());
        Random random = new Random(seed);
        // Delays from each (re)start to the next kill: at random, during start-up, at random.
        long[] plan = {2000 + random.nextInt(2500), 100 + random.nextInt(900), 2000 + random.nextInt(3000)};
        AtomicInteger kills = new AtomicInteger();
        AtomicReference<Process> shipper = new AtomicReference<>(start(bootstrap, journal, cluster));
        Thread killer = new Thread(() -> {
            try {
                for (long delay : plan) {
                    Thread.sleep(delay);
                    shipper.get().destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                    shipper.get().waitFor(10, TimeUnit.SECONDS);
                    kills.incrementAndGet();
                    shipper.set(start(bootstrap, journal, cluster));
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "journalkill-killer");
        try (RawLines raw = new RawLines(bootstrap, cluster)) {
            long began = System.nanoTime();
            killer.start();
            int appends = 1;
            while (killer.isAlive() || System.nanoTime() - began < Duration.ofSeconds(10).toNanos()) {
                writer.append(entries(appends), 1_710_000_000_000_000L + (long) appends * PER_APPEND);
                appends++;
                Thread.sleep(20);
            }
            killer.join();
            long written = (long) appends * PER_APPEND;
            double rate = written / ((System.nanoTime() - began) / 1e9);
            long caughtUp = System.nanoTime();
            boolean complete = raw.pollUntil(r -> r.counts.size() >= written, Duration.ofSeconds(90));
            raw.pollUntil(r -> false, Duration.ofSeconds(2));
            long lost = raw.lost("entry", written);
            System.out.printf("JournalKillIT (seed %d, kills after %s ms): appended %d entries in %d systemd-journal-remote runs "
                    + "at %.0f entries/s, %d kill -9 and restarts; caught up %.1f s after the writer stopped; lost %d, duplicated %d%n",
                    seed, Arrays.toString(plan), written, appends, rate, kills.get(), (System.nanoTime() - caughtUp) / 1e9, lost,
                    raw.duplicated());
            if (lost > 0 || raw.duplicated() > 0) {
                Files.copy(dir.resolve("shipper.log"), Path.of("target", "JournalKillIT-shipper.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            assertEquals(3, kills.get());
            assertTrue(complete, "lost " + lost + " (seed " + seed + ")");
            assertEquals(0, raw.duplicated(), "seed " + seed);
            assertEquals(written, raw.counts.size());
        } finally {
            killer.interrupt();
            killer.join();
            shipper.get().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The entries of append number {@code n}: {@code entry-<i>}, numbered across appends. */
    private static List<JournalFixtures.Entry> entries(int n) {
        List<JournalFixtures.Entry> entries = new ArrayList<>();
        for (int i = 0; i < PER_APPEND; i++) {
            long id = (long) n * PER_APPEND + i;
            entries.add(JournalFixtures.Entry.of(id % 2 == 0 ? "kubelet" : "kernel", 6, "kubelet", "entry-" + id));
        }
        return entries;
    }

    private Process start(String bootstrap, Path journal, String cluster) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Under failsafe java.class.path is a manifest-only jar whose Class-Path the child follows.
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ShipperJvm.OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), JournalShipperMain.class.getName(), bootstrap,
                journal.toString(), dir.resolve("state").toString(), cluster, "node-j"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("shipper.log").toFile())).start();
    }
}
