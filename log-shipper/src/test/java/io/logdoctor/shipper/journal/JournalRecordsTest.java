package io.logdoctor.shipper.journal;

import io.logdoctor.shipper.LogShipper;
import io.logdoctor.shipper.ShipperConfig;

import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalRecordsTest {

    private static final String CURSOR = "s=340155699eef4e3c99ca585a0d6fd3db;i=1;b=0123456789abcdef0123456789abcdef;m=1;t=60a24181e4001;x=d3b5748a3fc65b1d";

    /** A line as {@code journalctl --output=json} prints it (journalctl writes JSON strings as Jackson does). */
    private static String json(String unit, String transport, String priority, String identifier, String message) throws Exception {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("__CURSOR", CURSOR);
        entry.put("__REALTIME_TIMESTAMP", "1710217107551204");
        entry.put("__MONOTONIC_TIMESTAMP", "52311000");
        entry.put("_BOOT_ID", "0123456789abcdef0123456789abcdef");
        if (unit != null) {
            entry.put("_SYSTEMD_UNIT", unit);
        }
        entry.put("_TRANSPORT", transport);
        entry.put("PRIORITY", priority);
        entry.put("SYSLOG_IDENTIFIER", identifier);
        entry.put("MESSAGE", message);
        return Json.MAPPER.writeValueAsString(entry);
    }

    private static LogRecord kubelet(String message) throws Exception {
        return JournalRecords.record(JournalEntry.parse(json("kubelet.service", "stdout", "3", "kubelet", message)), "prod", "ip-10-0-1-23", 65536);
    }

    @Test
    void shouldMapACrashLoopLineToThePodItIsAbout() throws Exception {
        LogRecord r = kubelet(JournalFixtures.CRASH_LOOP);

        assertEquals(LogRecord.SOURCE_JOURNALD, r.source());
        assertEquals("prod", r.cluster());
        assertEquals("ip-10-0-1-23", r.node());
        assertEquals("2024-03-12T04:18:27.551204Z", r.ts());
        assertEquals(JournalFixtures.CRASH_LOOP, r.line());
        assertEquals(List.of("shop", "api-7d9f8b6c5-k2x8v", "api"), List.of(r.namespace(), r.pod(), r.container()));
        assertEquals(Map.of("unit", "kubelet", "priority", "3", "identifier", "kubelet"), r.attributes());
        assertEquals("journal:" + CURSOR, r.deliveryId());
        assertEquals("prod/ip-10-0-1-23/journal/kubelet", r.streamKey());
        assertNull(r.truncated());
    }

    @Test
    void shouldNameThePodOfImagePullProbeAndOldTextLines() throws Exception {
        LogRecord pull = kubelet(JournalFixtures.IMAGE_PULL);
        assertEquals(List.of("shop", "api-59c8d7f6b-r4t7w", "api"), List.of(pull.namespace(), pull.pod(), pull.container()));
        LogRecord probe = kubelet(JournalFixtures.PROBE);
        assertEquals(List.of("shop", "api-7d9f8b6c5-k2x8v", "api"), List.of(probe.namespace(), probe.pod(), probe.container()));
        LogRecord text = kubelet(JournalFixtures.PROBE_TEXT);
        assertEquals(List.of("shop", "api-7d9f8b6c5-k2x8v"), List.of(text.namespace(), text.pod()));
        // kubelet 1.8-1.18 klog text (kubernetes/kubernetes#54760): the pod in format.Pod form, the container in the back-off
        LogRecord old = kubelet("E1029 13:16:48.471488    4919 pod_workers.go:191] Error syncing pod 7c1d2e3f-bc47-11e7-85ce-0a1b2c3d4e5f "
                + "(\"worker-5c7d9f6b8-abcde_batch(7c1d2e3f-bc47-11e7-85ce-0a1b2c3d4e5f)\"), skipping: failed to \"StartContainer\" for "
                + "\"worker\" with CrashLoopBackOff: \"Back-off 5m0s restarting failed container=worker pod=worker-5c7d9f6b8-abcde_batch(7c1d2e3f-bc47-11e7-85ce-0a1b2c3d4e5f)\"");
        assertEquals(List.of("batch", "worker-5c7d9f6b8-abcde", "worker"), List.of(old.namespace(), old.pod(), old.container()));
    }

    @Test
    void shouldLeaveNodeLinesWithoutAPod() throws Exception {
        LogRecord pleg = kubelet(JournalFixtures.PLEG);
        assertNull(pleg.namespace());
        assertNull(pleg.pod());

        LogRecord oom = JournalRecords.record(JournalEntry.parse(json(null, "kernel", "3", "kernel", JournalFixtures.MEMCG_OOM)), "prod", "n1", 65536);
        assertEquals(JournalFixtures.MEMCG_OOM, oom.line());
        assertEquals("kernel", oom.attributes().get("unit"));
        assertEquals("prod/n1/journal/kernel", oom.streamKey());
        assertNull(oom.pod());

        LogRecord containerd = JournalRecords.record(JournalEntry.parse(json("containerd.service", "stdout", "6", "containerd",
                JournalFixtures.CONTAINERD_OOM)), "prod", "n1", 65536);
        assertEquals("containerd", containerd.attributes().get("unit"));
        assertNull(containerd.pod());
    }

    @Test
    void shouldDecodeAMessageThatIsNotUtf8() throws Exception {
        // journalctl -o json prints a field that is not valid UTF-8 as an array of its bytes
        String line = "{\"__CURSOR\":\"" + CURSOR + "\",\"__REALTIME_TIMESTAMP\":\"1700000000000005\",\"_TRANSPORT\":\"kernel\","
                + "\"MESSAGE\":[98,97,100,32,255,254,32,117,116,102,56]}";
        LogRecord r = JournalRecords.record(JournalEntry.parse(line), "c", "n", 65536);
        assertEquals("bad \uFFFD\uFFFD utf8", r.line());
        assertEquals("2023-11-14T22:13:20.000005Z", r.ts());
    }

    @Test
    void shouldTakeTheLastValueOfARepeatedFieldAndCutALongMessage() throws Exception {
        String line = "{\"__CURSOR\":\"" + CURSOR + "\",\"__REALTIME_TIMESTAMP\":\"1700000000000000\",\"_SYSTEMD_UNIT\":\"kubelet.service\","
                + "\"SYSLOG_IDENTIFIER\":[\"kubelet\",\"kubelet2\"],\"MESSAGE\":\"" + "é".repeat(700) + "\"}";
        LogRecord r = JournalRecords.record(JournalEntry.parse(line), "c", "n", 1025);
        assertEquals("kubelet2", r.attributes().get("identifier"));
        assertEquals("é".repeat(512), r.line()); // 2 bytes each: 1025 bytes hold 512 of them, never half of one
        assertTrue(r.truncated());
    }

    @Test
    void shouldRejectALineThatIsNotAnEntryNamingWhy() {
        assertEquals("no __CURSOR field", assertThrows(IllegalArgumentException.class,
                () -> JournalEntry.parse("{\"MESSAGE\":\"x\",\"__REALTIME_TIMESTAMP\":\"1\"}")).getMessage());
        assertEquals("__REALTIME_TIMESTAMP is not a number of microseconds: soon", assertThrows(IllegalArgumentException.class,
                () -> JournalEntry.parse("{\"__CURSOR\":\"c\",\"__REALTIME_TIMESTAMP\":\"soon\"}")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JournalEntry.parse("Failed to seek")).getMessage()
                .startsWith("not a JSON object"));
    }

    @Test
    void shouldBuildTheCommandWithCursorOrStartAndUnitMatches() {
        JournalConfig config = JournalConfig.defaults().withDirectory(Path.of("/var/log/journal"));
        List<String> resume = JournalSource.command("/usr/bin/journalctl", config, "s=1;i=2", Instant.EPOCH);
        assertEquals(List.of("/usr/bin/journalctl", "--follow", "--no-tail", "--all", "--output=json",
                "--output-fields=MESSAGE,_SYSTEMD_UNIT,_TRANSPORT,PRIORITY,SYSLOG_IDENTIFIER", "--directory=/var/log/journal",
                "--after-cursor=s=1;i=2", "_SYSTEMD_UNIT=kubelet.service", "_SYSTEMD_UNIT=containerd.service",
                "_SYSTEMD_UNIT=docker.service", "+", "_TRANSPORT=kernel"), resume);
        List<String> fresh = JournalSource.command("journalctl", JournalConfig.defaults().withUnits(List.of("kubelet", "crio.service")),
                null, Instant.ofEpochSecond(1700000000, 20_000));
        assertEquals(List.of("--merge", "--since=@1700000000.000020", "_SYSTEMD_UNIT=kubelet.service", "_SYSTEMD_UNIT=crio.service"),
                fresh.subList(6, fresh.size()));
        List<String> all = JournalSource.command("journalctl", JournalConfig.defaults().withUnits(List.of("kernel")), null, null);
        assertEquals(List.of("--merge", "_TRANSPORT=kernel"), all.subList(6, all.size()));
    }

    @Test
    void shouldSayWhatToChangeWhenJournalctlIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JournalSource.resolve("journalctl", "/nonexistent/bin"));
        assertEquals("the journal source needs journalctl, and journalctl is not on PATH (/nonexistent/bin): install it "
                + "(Debian/Ubuntu: apt-get install systemd), give its path with --journalctl (LOGDOCTOR_JOURNALCTL, journalctl=), "
                + "or turn the journal source off (--journal, LOGDOCTOR_JOURNAL)", e.getMessage());
        // At start, before anything needs closing: the shipper does not run without its journal.
        ShipperConfig config = ShipperConfig.defaults("127.0.0.1:9", Path.of("/nonexistent/pods"), Path.of("/nonexistent/state"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogShipper.start(config.withJournal(
                JournalConfig.defaults().withJournalctl("/nonexistent/journalctl")))).getMessage()
                .startsWith("the journal source needs journalctl, and /nonexistent/journalctl is not an executable file: install it"));
        assertEquals("journal directory /nonexistent/journal does not exist or is not a directory: mount the node's journal there "
                + "(the DaemonSet mounts /var/log/journal and /run/log/journal) or change --journal-directory "
                + "(LOGDOCTOR_JOURNAL_DIRECTORY, journal-directory=)", assertThrows(IllegalArgumentException.class,
                () -> new JournalSource(JournalConfig.defaults().withDirectory(Path.of("/nonexistent/journal"))
                        .withJournalctl("/bin/sh"), "c", "n", 1024, Clock.systemUTC())).getMessage());
        assertEquals("journal-start must be now, all, or a lookback like 15m, 2h, 1d; was soon",
                assertThrows(IllegalArgumentException.class, () -> JournalConfig.parseStart("soon")).getMessage());
        assertNull(JournalConfig.parseStart("all"));
    }
}
