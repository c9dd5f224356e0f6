package io.logdoctor.shipper.journal;

import io.logdoctor.shipper.testing.ChildKiller;
import io.logdoctor.shipper.testing.RawLines;
import io.logdoctor.shipper.testing.ShipperJvm;
import io.logdoctor.shipper.testing.Topics4Test;

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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kill -9 of a shipper reading the journal, at random points, three times, while systemd-journal-remote
 * appends entries to the journal file: every entry exactly once on {@code logs.raw} under read_committed.
 * The numbers are printed; {@code -Djournalkill.seed=N} repeats a run's kill times ({@link ChildKiller}).
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
        ChildKiller killer = new ChildKiller(Long.getLong("journalkill.seed", System.currentTimeMillis()),
                () -> start(bootstrap, journal, cluster));
        try (RawLines raw = new RawLines(bootstrap, cluster)) {
            long began = System.nanoTime();
            killer.begin();
            int appends = 1;
            while (killer.killing() || System.nanoTime() - began < Duration.ofSeconds(10).toNanos()) {
                writer.append(entries(appends), 1_710_000_000_000_000L + (long) appends * PER_APPEND);
                appends++;
                Thread.sleep(20);
            }
            killer.awaitKills();
            long written = (long) appends * PER_APPEND;
            double rate = written / ((System.nanoTime() - began) / 1e9);
            long caughtUp = System.nanoTime();
            boolean complete = raw.pollUntil(r -> r.counts.size() >= written, Duration.ofSeconds(90));
            raw.pollUntil(r -> false, Duration.ofSeconds(2));
            long lost = raw.lost("entry", written);
            System.out.printf("JournalKillIT (%s): appended %d entries in %d systemd-journal-remote runs "
                    + "at %.0f entries/s, %d kill -9 and restarts; caught up %.1f s after the writer stopped; lost %d, duplicated %d%n",
                    killer.plan(), written, appends, rate, killer.kills(), (System.nanoTime() - caughtUp) / 1e9, lost,
                    raw.duplicated());
            if (lost > 0 || raw.duplicated() > 0) {
                Files.copy(dir.resolve("shipper.log"), Path.of("target", "JournalKillIT-shipper.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            assertEquals(3, killer.kills());
            assertTrue(complete, "lost " + lost + " (" + killer.plan() + ")");
            assertEquals(0, raw.duplicated(), killer.plan());
            assertEquals(written, raw.counts.size());
        } finally {
            killer.close();
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
