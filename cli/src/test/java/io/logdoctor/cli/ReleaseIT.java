package io.logdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import io.logdoctor.shipper.journal.JournalConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release tarball as a user gets it: unpacked into an empty directory, run from there with only a
 * JDK on the PATH (no Maven, no source tree). {@code -Dlogdoctor.release.demo=true} also runs the demo
 * from it (some 20 s).
 */
class ReleaseIT {

    @TempDir
    static Path dir;
    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        String tarball = System.getProperty("logdoctor.release");
        assumeTrue(tarball != null, "run by Failsafe after `package`, which sets -Dlogdoctor.release");
        Path file = Path.of(tarball);
        assertTrue(Files.isRegularFile(file), "no release tarball at " + file + "; `./mvnw package` builds it");
        Shell tar = Shell.run(dir, Shell.plainEnvironment(), "tar", "xzf", file.toString());
        assertEquals(0, tar.exitCode(), tar.err());
        try (var entries = Files.list(dir)) {
            home = entries.filter(p -> p.getFileName().toString().startsWith("logdoctor-")).findFirst().orElseThrow();
        }
    }

    @Test
    void shouldPrintVersionCommitAndKafkaVersion() throws Exception {
        Shell v = logdoctor("", "--version");

        assertEquals(0, v.exitCode(), v.err());
        String version = home.getFileName().toString().substring("logdoctor-".length());
        assertTrue(v.out().matches("logdoctor " + Pattern.quote(version)
                + " \\(commit ([0-9a-f]{12}|unknown), Kafka \\d+\\.\\d+\\.\\d+\\)\n"), v.out());
    }

    @Test
    void shouldMatchALineWithTheBundledCatalogue() throws Exception {
        Shell m = logdoctor("{\"level\":\"info\",\"ts\":\"2022-09-02T00:21:48.321Z\",\"caller\":\"entrypoint.sh\","
                + "\"msg\":\"Retrying waiting for IPAM-D\"}\n", "match");

        assertEquals(0, m.exitCode(), m.err());
        assertEquals("{\"file\":\"-\",\"line\":1,\"signatures\":[\"vpc-cni/ipamd-not-ready\"]}\n", m.out());
    }

    @Test
    void shouldShipTheCatalogueReadableAndPassingItsFixtures() throws Exception {
        Shell t = logdoctor("", "signatures", "test", "catalog");

        assertEquals(0, t.exitCode(), t.out() + t.err());
        assertTrue(t.err().contains("every fixture passes"), t.err());
        for (String f : List.of("README.md", "LICENSE", "bin/logdoctor", "samples/expected-diagnoses.txt", "docs/signature-format.md")) {
            assertTrue(Files.exists(home.resolve(f)), f + " missing from the release");
        }
    }

    @Test
    void shouldRunTheDemoFromTheRelease() throws Exception {
        assumeTrue(Boolean.getBoolean("logdoctor.release.demo"), "the demo from the release runs with -Dlogdoctor.release.demo=true");

        Shell demo = Shell.run(dir, Shell.plainEnvironment(), "", 180, List.of(home.resolve("bin/logdoctor").toString(), "demo"));

        assertEquals(0, demo.exitCode(), demo.err());
        // 9 with the sample node journal (journalctl on PATH), 7 without
        int expected = JournalConfig.defaults().unavailable() == null ? 9 : 7;
        assertTrue(demo.err().contains("all " + expected + " expected diagnoses arrived"), demo.err());
    }

    private static Shell logdoctor(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/logdoctor").toString()));
        command.addAll(List.of(args));
        // Run from the unpacked directory: relative paths (catalog) are the release's, not the checkout's.
        return Shell.run(home, Shell.plainEnvironment(), stdin, 60, command);
    }
}
