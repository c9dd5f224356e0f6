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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, point 3: a pod directory, a container directory and a file the shipper may not read are
 * skipped, counted once each in {@code logdoctor_shipper_errors_total{reason}} and logged once each, while
 * every other file is found: a new pod, and a container's new 0.log after a rotation. The shipper runs as a
 * child process without the capabilities that let root read anything (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH),
 * so mode 000 means what it means on a node.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class UnreadablePathsIT {

    private static final String UID = "_0f6e2a4c-5b7d-4e8f-9a1b-2c3d4e5f6a7b";
    private static final String TS = "2024-03-01T10:00:00.000000000Z";

    @TempDir
    Path dir;

    @Test
    void shouldSkipCountAndLogOnceWhatItMayNotReadAndFindEverythingElse(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Topics4Test.create(bootstrap);
        Path pods = dir.resolve("pods");
        Path good = write(pods.resolve("shop_good" + UID + "/app/0.log"), "good-0");
        Path lockedPod = write(pods.resolve("shop_locked" + UID + "/app/0.log"), "locked-pod-0").getParent().getParent();
        Path lockedContainer = write(pods.resolve("shop_half" + UID + "/secret/0.log"), "locked-container-0").getParent();
        Path lockedFile = write(pods.resolve("shop_half" + UID + "/open/0.log"), "locked-file-0");
        for (Path p : List.of(lockedPod, lockedContainer, lockedFile)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> prefix = isRoot() ? List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search",
                "--inh-caps=-dac_override,-dac_read_search") : List.of();
        Path log = dir.resolve("shipper.log");
        Process shipper = ShipperChild.command(prefix, bootstrap, pods, dir.resolve("state"), "unreadable-it", port)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try (RawLines raw = new RawLines(bootstrap, "unreadable-it")) {
            assertTrue(raw.pollUntil(r -> r.counts.containsKey("good-0"), Duration.ofSeconds(90)), "good file not shipped");
            // Discovery goes on: a container's new 0.log after a rename, and a new pod.
            Files.move(good, good.resolveSibling("0.log.20240301-100000"));
            write(good, "good-after-rotation");
            write(pods.resolve("shop_new" + UID + "/app/0.log"), "new-pod-0");
            assertTrue(raw.pollUntil(r -> r.counts.containsKey("good-after-rotation") && r.counts.containsKey("new-pod-0"),
                    Duration.ofSeconds(60)), "discovery stopped: " + raw.counts.keySet());
            raw.pollUntil(r -> false, Duration.ofSeconds(4)); // a few more scans: still logged once per path
            String metrics = get(port);
            String output = Files.readString(log);
            System.out.printf("UnreadablePathsIT: %s%n", metrics.lines().filter(l -> l.startsWith("logdoctor_shipper_errors_total{"))
                    .toList());
            assertTrue(metrics.contains("logdoctor_shipper_errors_total{reason=\"unreadable_dir\"} 2.0\n"), metrics);
            assertTrue(metrics.contains("logdoctor_shipper_errors_total{reason=\"unreadable_file\"} 1.0\n"), metrics);
            for (Path p : List.of(lockedPod, lockedContainer, lockedFile)) {
                assertEquals(1, output.lines().filter(l -> l.contains("WARN") && l.contains(p.toString() + ";")).count(),
                        "WARN lines for " + p + " in:\n" + output);
            }
            // Readable again: shipped.
            for (Path p : List.of(lockedPod, lockedContainer, lockedFile)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
            assertTrue(raw.pollUntil(r -> r.counts.containsKey("locked-pod-0") && r.counts.containsKey("locked-container-0")
                    && r.counts.containsKey("locked-file-0"), Duration.ofSeconds(60)), "got " + raw.counts.keySet());
            raw.pollUntil(r -> false, Duration.ofSeconds(1));
            assertEquals(0, raw.duplicated());
        } finally {
            shipper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes()).trim();
        id.waitFor();
        return uid.equals("0");
    }

    private static String get(int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Path write(Path file, String line) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, TS + " stdout F " + line + "\n");
    }
}
