package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Alertmanager (Debian package prometheus-alertmanager, installed by .ci/run) on a loopback port
 * with a temporary config and storage, gossip off; tests skip, saying why, when the binary is missing.
 */
final class AlertmanagerProcess implements AutoCloseable {

    static final String MISSING = "prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager; .ci/run does)";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Process process;
    private final URI base;

    private AlertmanagerProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    static Path binary() {
        return Stream.of("/usr/bin/prometheus-alertmanager", "/usr/local/bin/alertmanager", "/usr/bin/alertmanager")
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** Starts one in {@code dir} and waits until it is ready; the binary must exist ({@link #binary()}). */
    static AlertmanagerProcess start(Path dir, Duration deadline) throws IOException, InterruptedException {
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: blackhole
                receivers:
                  - name: blackhole
                """);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // An empty cluster.listen-address turns gossip off: no second port, no peers.
        Process p = new ProcessBuilder(binary().toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        AlertmanagerProcess am = new AlertmanagerProcess(p, URI.create("http://127.0.0.1:" + port));
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            try {
                if (am.get("/-/ready").statusCode() == 200) {
                    return am;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        am.close();
        throw new IllegalStateException("Alertmanager not ready within " + deadline + "; see " + dir.resolve("alertmanager.log"));
    }

    URI base() {
        return base;
    }

    /** The alerts whose label {@code name} is {@code value}, as Alertmanager lists them (resolved ones are left out). */
    List<JsonNode> alerts(String name, String value) throws IOException, InterruptedException {
        String filter = URLEncoder.encode(name + "=\"" + value + "\"", StandardCharsets.UTF_8);
        HttpResponse<String> r = get("/api/v2/alerts?filter=" + filter);
        if (r.statusCode() != 200) {
            throw new IOException("GET /api/v2/alerts: HTTP " + r.statusCode() + ": " + r.body());
        }
        JsonNode array = Json.MAPPER.readTree(r.body());
        return Stream.iterate(0, i -> i < array.size(), i -> i + 1).map(array::get).toList();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
