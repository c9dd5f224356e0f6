package io.logdoctor.cli;

import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.shipper.ShipperPrestart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipper's prestart reads the files and state directory as the command does, from every place they come from. */
class EarlyShipperStartTest {

    @TempDir
    Path dir;

    @AfterEach
    void noneLeft() {
        EarlyShipperStart.discard();
    }

    @Test
    void shouldReadTheFilesFromFlagsInBothFormsTheLastOneWinningAndNothingAfterDoubleDash() throws Exception {
        ShipperConfig config = EarlyShipperStart.config(new String[]{"shipper", "--pods-root", "/first", "--pods-root=/p",
                "--containers-root=-", "--state-dir", "/s", "--include", "kube-system/*,web", "--exclude=web/debug-*",
                "--bootstrap-server", "k:9092", "--", "--state-dir", "/not-a-flag"}, Map.of());
        assertEquals(Path.of("/p"), config.podsRoot());
        assertNull(config.containersRoot(), "'-' turns the /var/log/containers links off");
        assertEquals(Path.of("/s"), config.stateDir());
        assertEquals(List.of("kube-system/*", "web"), config.include());
        assertEquals(List.of("web/debug-*"), config.exclude());
    }

    @Test
    void shouldReadTheEnvironmentTheConfigFileAndTheDefaultsBehindTheFlags() throws Exception {
        Path file = Files.writeString(dir.resolve("shipper.properties"), "pods-root=/from-file\nstate-dir=/state-from-file\n");
        ShipperConfig config = EarlyShipperStart.config(new String[]{"shipper", "--config", file.toString()},
                Map.of("LOGDOCTOR_STATE_DIR", "/state-from-env"));
        assertEquals(Path.of("/from-file"), config.podsRoot());
        assertEquals(Path.of("/state-from-env"), config.stateDir(), "the environment before the file");
        assertEquals(Path.of("/var/log/containers"), config.containersRoot());
        ShipperConfig defaults = EarlyShipperStart.config(new String[]{"shipper"}, Map.of());
        assertEquals(Path.of("/var/log/pods"), defaults.podsRoot());
        assertEquals(Path.of(System.getProperty("user.home"), ".logdoctor", "shipper"), defaults.stateDir());
    }

    @Test
    void shouldBeginForAShipperStartOnlyAndLeaveWhatItCannotReadToTheCommand() throws Exception {
        Path pods = Files.createDirectories(dir.resolve("pods"));
        String[] start = {"shipper", "--pods-root", pods.toString(), "--containers-root", "-", "--state-dir",
                dir.resolve("state").toString()};
        EarlyShipperStart.begin(start, Map.of());
        try (ShipperPrestart prestart = EarlyShipperStart.take()) {
            assertNotNull(prestart, "a shipper start begins its listing and rescue at once");
        }
        assertNull(EarlyShipperStart.take(), "taken once");
        EarlyShipperStart.begin(new String[]{"shipper", "--state-dir", dir.toString(), "--help"}, Map.of());
        assertNull(EarlyShipperStart.take(), "help starts nothing");
        EarlyShipperStart.begin(new String[]{"match", "--state-dir", dir.toString()}, Map.of());
        assertNull(EarlyShipperStart.take(), "another command starts nothing");
        EarlyShipperStart.begin(new String[]{"shipper", "--config", dir.resolve("missing.properties").toString()}, Map.of());
        assertNull(EarlyShipperStart.take(), "a config file it cannot read is the command's to report");
        assertTrue(Files.notExists(dir.resolve("missing.properties")));
    }
}
