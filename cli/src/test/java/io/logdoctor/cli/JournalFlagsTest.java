package io.logdoctor.cli;

import io.logdoctor.shipper.journal.JournalConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JournalFlagsTest {

    @TempDir
    Path dir;

    @Test
    void shouldBeOffUnlessTurnedOnAndThenReadTheSystemJournalFromNow() throws IOException {
        assertNull(new JournalFlags().config(Settings.load(null, Map.of())));
        JournalFlags flags = new JournalFlags();
        flags.journal = true;

        assertEquals(new JournalConfig(null, List.of("kubelet", "containerd", "docker", "kernel"), Duration.ZERO, "journalctl"),
                flags.config(Settings.load(null, Map.of())));
    }

    @Test
    void shouldTakeEachSettingFromTheFlagTheEnvironmentOrTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("c.properties"), "journal=true\njournal-units=kubelet, kernel\njournal-start=all\n");
        JournalFlags flags = new JournalFlags();
        flags.start = "15m";

        JournalConfig config = flags.config(Settings.load(file, Map.of("LOGDOCTOR_JOURNAL_DIRECTORY", "/var/log/journal",
                "LOGDOCTOR_JOURNALCTL", "/usr/bin/journalctl")));

        assertEquals(new JournalConfig(Path.of("/var/log/journal"), List.of("kubelet", "kernel"), Duration.ofMinutes(15),
                "/usr/bin/journalctl"), config);
        assertNull(new JournalFlags().config(Settings.load(file, Map.of())).start(), "all: the whole journal");
    }

    @Test
    void shouldNameTheSettingAndValueThatAreWrong() throws IOException {
        assertEquals("setting 'journal' must be true or false; was 'yes' from env LOGDOCTOR_JOURNAL", assertThrows(IllegalArgumentException.class,
                () -> new JournalFlags().config(Settings.load(null, Map.of("LOGDOCTOR_JOURNAL", "yes")))).getMessage());
        JournalFlags flags = new JournalFlags();
        flags.journal = true;
        flags.units = " , ";
        assertEquals("journal units must name at least one unit (or kernel); was empty",
                assertThrows(IllegalArgumentException.class, () -> flags.config(Settings.load(null, Map.of()))).getMessage());
    }
}
