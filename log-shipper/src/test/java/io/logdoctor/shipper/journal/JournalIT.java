package io.logdoctor.shipper.journal;

import io.logdoctor.shipper.LogShipper;
import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.shipper.testing.RawLines;
import io.logdoctor.shipper.testing.Topics4Test;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The journal source end to end: real journal files written by systemd-journal-remote, read by the real
 * journalctl, shipped by the shipper's loop and transactional sink to the real broker, {@code logs.raw} read
 * under read_committed. Skipped, saying why, where systemd-journal-remote or journalctl is missing.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class JournalIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static String bootstrap;

    @TempDir
    Path dir;
    private Path journal;
    private JournalWriter writer;
    private String cluster;
    private final List<LogShipper> running = new ArrayList<>();
    private long micros = 1_710_000_000_000_000L;

    @BeforeAll
    static void topics(EmbeddedKafka kafka) throws InterruptedException {
        bootstrap = kafka.bootstrapServers();
        Topics4Test.create(bootstrap);
    }

    @BeforeEach
    void setUp() throws Exception {
        String missing = JournalWriter.unavailable();
        assumeTrue(missing == null, missing);
        journal = Files.createDirectories(dir.resolve("journal"));
        writer = new JournalWriter(journal);
        cluster = "journal-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        running.forEach(LogShipper::close);
    }

    @Test
    void shouldShipEveryEntryOfTheSelectedUnitsExactlyOnceAcrossAppendsAndARestart() throws Exception {
        Set<String> expected = new HashSet<>();
        List<JournalFixtures.Entry> first = new ArrayList<>(JournalFixtures.node());
        first.forEach(e -> expected.add(new String(e.message(), StandardCharsets.UTF_8)));
        first.add(new JournalFixtures.Entry("kubelet", 3, "kubelet", "bad \u00ff byte".getBytes(StandardCharsets.ISO_8859_1)));
        expected.add("bad \uFFFD byte");
        first.add(JournalFixtures.Entry.of("sshd", 6, "sshd", "Accepted publickey for admin: not a selected unit"));
        first.addAll(numbered("first", 500, expected));
        writer.append(first, next(first.size()));

        LogShipper shipper = start(JournalConfig.defaults().withDirectory(journal).withStart(null));
        try (RawLines raw = new RawLines(bootstrap, cluster)) {
            assertTrue(raw.pollUntil(r -> r.counts.size() >= expected.size(), WAIT), "entries: " + raw.counts.size());

            List<JournalFixtures.Entry> appended = numbered("appended", 200, expected); // a second run, the same file
            writer.append(appended, next(appended.size()));
            assertTrue(raw.pollUntil(r -> r.counts.size() >= expected.size(), WAIT), "followed: " + raw.counts.size());

            shipper.close(); // commits the cursor of what it sent
            running.remove(shipper);
            List<JournalFixtures.Entry> whileDown = numbered("while-down", 300, expected);
            writer.append(whileDown, next(whileDown.size()));
            start(JournalConfig.defaults().withDirectory(journal)); // "now" would skip what came while down: the cursor wins
            assertTrue(raw.pollUntil(r -> r.counts.size() >= expected.size(), WAIT), "resumed: " + raw.counts.size());
            raw.pollUntil(r -> false, Duration.ofSeconds(2)); // anything repeated would show by now

            assertEquals(Set.of(), missing(expected, raw));
            assertEquals(0, raw.duplicated(), "duplicated");
            assertEquals(expected, raw.counts.keySet(), "nothing of a unit not selected");
            LogRecord crash = raw.records.stream().filter(r -> r.line().equals(JournalFixtures.CRASH_LOOP)).findFirst().orElseThrow();
            assertEquals(List.of("journald", "journal-node", "shop", "api-7d9f8b6c5-k2x8v", "api", "kubelet", "3"),
                    List.of(crash.source(), crash.node(), crash.namespace(), crash.pod(), crash.container(),
                            crash.attributes().get("unit"), crash.attributes().get("priority")));
            LogRecord oom = raw.records.stream().filter(r -> r.line().equals(JournalFixtures.MEMCG_OOM)).findFirst().orElseThrow();
            assertEquals("kernel", oom.attributes().get("unit"));
            assertTrue(oom.deliveryId().startsWith("journal:s="), oom.deliveryId());
        }
    }

    @Test
    void shouldKeepTheStartPointOfAQuietNodeAcrossARestart() throws Exception {
        // Entries from before the first start are history: "now" skips them.
        List<JournalFixtures.Entry> old = List.of(JournalFixtures.Entry.of("kubelet", 6, "kubelet", "before the first start"));
        writer.append(old, System.currentTimeMillis() * 1000 - 3_600_000_000L);
        LogShipper first = start(JournalConfig.defaults().withDirectory(journal));
        try (RawLines raw = new RawLines(bootstrap, cluster)) {
            raw.pollUntil(r -> false, Duration.ofSeconds(3)); // a few rounds: the start point is committed
            first.close();
            running.remove(first);
            Set<String> expected = new HashSet<>();
            List<JournalFixtures.Entry> whileDown = numbered("quiet-node", 20, expected);
            writer.append(whileDown, System.currentTimeMillis() * 1000); // after the first start, before the second
            start(JournalConfig.defaults().withDirectory(journal)); // a new "now" would skip them: the committed start wins
            assertTrue(raw.pollUntil(r -> r.counts.size() >= expected.size(), WAIT), "entries: " + raw.counts.size());
            raw.pollUntil(r -> false, Duration.ofSeconds(1));
            assertEquals(expected, raw.counts.keySet());
            assertEquals(0, raw.duplicated(), "duplicated");
        }
    }

    @Test
    void shouldStartJournalctlAgainWhenItDiesAndLoseNothing() throws Exception {
        // A journalctl that is killed after a second each time: the source restarts it from the cursor sent last.
        Path dying = dir.resolve("dying-journalctl");
        Files.writeString(dying, "#!/bin/sh\nexec timeout -s KILL 1 journalctl \"$@\"\n");
        Files.setPosixFilePermissions(dying, PosixFilePermissions.fromString("rwxr-xr-x"));
        Set<String> expected = new HashSet<>();
        List<JournalFixtures.Entry> entries = numbered("early", 300, expected);
        writer.append(entries, next(entries.size()));
        start(JournalConfig.defaults().withDirectory(journal).withStart(null).withJournalctl(dying.toString()));
        try (RawLines raw = new RawLines(bootstrap, cluster)) {
            assertTrue(raw.pollUntil(r -> r.counts.size() >= expected.size(), WAIT), "entries: " + raw.counts.size());
            raw.pollUntil(r -> false, Duration.ofMillis(2500)); // journalctl dies at least once meanwhile
            List<JournalFixtures.Entry> late = numbered("late", 300, expected);
            writer.append(late, next(late.size()));
            assertTrue(raw.pollUntil(r -> r.counts.size() >= expected.size(), WAIT), "after restarts: " + raw.counts.size());
            raw.pollUntil(r -> false, Duration.ofSeconds(1));
            assertEquals(Set.of(), missing(expected, raw));
            assertEquals(0, raw.duplicated(), "duplicated");
        }
        String metrics = running.get(0).metricsText();
        assertFalse(metrics.contains("logdoctor_shipper_journal_restarts_total 0.0"), metrics);
    }

    private LogShipper start(JournalConfig journalConfig) {
        ShipperConfig config = ShipperConfig.defaults(bootstrap, dir.resolve("pods"), dir.resolve("state"))
                .withCluster(cluster).withNode("journal-node").withPollInterval(Duration.ofMillis(50)).withJournal(journalConfig);
        LogShipper shipper = LogShipper.start(config);
        running.add(shipper);
        return shipper;
    }

    private long next(int count) {
        long first = micros;
        micros += count;
        return first;
    }

    private static List<JournalFixtures.Entry> numbered(String tag, int n, Set<String> expected) {
        List<JournalFixtures.Entry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String message = "I0312 04:00:00.000000    3021 kubelet.go:100] journal-it " + tag + " " + i;
            entries.add(JournalFixtures.Entry.of(i % 3 == 0 ? "containerd" : "kubelet", 6, "kubelet", message));
            expected.add(message);
        }
        return entries;
    }

    private static Set<String> missing(Set<String> expected, RawLines raw) {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(raw.counts.keySet());
        return missing.size() > 5 ? Set.of(missing.size() + " lost") : missing;
    }
}
