package io.logdoctor.cli;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.streams.DiagnosisApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code signatures delete} against a real broker and a running streams app: what it refuses, and what the app decided. */
@ExtendWith(EmbeddedKafkaExtension.class)
class SignatureDeleteIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void shouldRefuseUnknownIdsAndReportWhatTheAppDecided(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Services.createTopics(bootstrap, Map.of(), 3, (short) 1);
        String team = "team-" + UUID.randomUUID().toString().substring(0, 8); // the broker is shared with other ITs
        Path catalog = work.resolve("catalog");
        writeSignature(catalog, team + "/disk-full", "no space left on device", "");
        writeSignature(catalog, "coredns/forward-loop", "plugin/loop: Loop detected for zone", "overrides: true\n");
        Console push = Console.run("signatures", "push", "--bootstrap-server", bootstrap, catalog.toString());
        assertEquals(0, push.exitCode(), push.err());

        try (DiagnosisApp app = DiagnosisApp.start(DiagnosisApp.Options.of(bootstrap, work.resolve("state"), SignatureCatalog.bundled())
                .withHttp(0, "127.0.0.1").withKafkaProperties(Map.of("application.id", "it-" + UUID.randomUUID())))) {
            String base = "http://127.0.0.1:" + app.httpPort();
            Http.await(base + "/signatures", r -> r.status() == 200 && r.body().contains(team + "/disk-full"), WAIT);

            Console unknown = delete(bootstrap, base, team + "/no-such");
            Console bundled = delete(bootstrap, base, "vpc-cni/ipamd-not-ready");
            Console pushed = delete(bootstrap, base, team + "/disk-full");
            Console override = delete(bootstrap, base, "coredns/forward-loop");

            assertEquals(1, unknown.exitCode(), unknown.err());
            // A line of its own, not the start of stderr: the app runs in this JVM, and its stream threads log to the
            // same stderr meanwhile (a poison record another IT left on the shared logs.raw made CI fail here once).
            assertTrue(unknown.err().lines().anyMatch(l -> l.startsWith("logdoctor signatures delete: not deleted: "
                    + "signatures holds no signature " + team + "/no-such; it holds ")), unknown.err());
            assertTrue(unknown.err().contains(team + "/disk-full"), "lists what the topic holds: " + unknown.err());
            assertEquals(1, bundled.exitCode(), bundled.err());
            assertTrue(bundled.err().contains("vpc-cni/ipamd-not-ready is a bundled signature that was never pushed"), bundled.err());
            assertEquals(0, pushed.exitCode(), pushed.err());
            assertTrue(pushed.err().matches("(?s).*" + base + " removed " + team + "/disk-full \\(catalogue version \\d+\\)\n"), pushed.err());
            assertEquals(0, override.exitCode(), override.err());
            assertTrue(override.err().contains("running apps go back to the bundled version"), override.err());
            assertTrue(override.err().matches("(?s).*" + base + " runs coredns/forward-loop from bundled \\(catalogue version \\d+\\)\n"), override.err());
        }
    }

    private static Console delete(String bootstrap, String app, String id) {
        return Console.run("signatures", "delete", "--bootstrap-server", bootstrap, "--app", app, "--wait", "60", id);
    }

    private static void writeSignature(Path catalog, String id, String literal, String extra) throws IOException {
        Path yaml = catalog.resolve(id + ".yaml");
        Files.createDirectories(yaml.getParent());
        Files.writeString(yaml, """
                id: %s
                title: A test signature
                severity: warning
                match:
                  it: '%s'
                cause: A test.
                remediation:
                  - None.
                references:
                  - this test
                %s""".formatted(id, literal, extra));
    }
}
