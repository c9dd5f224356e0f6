package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Alertmanager destination against a real Alertmanager (Debian package prometheus-alertmanager,
 * installed by .ci/run) on a loopback port with a temporary config and storage: fire, see the alert
 * active with our labels through its own API, resolve, see it gone from the active alerts.
 */
class AlertmanagerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newHttpClient();
    private Process alertmanager;
    private URI base;

    @TempDir
    Path dir;

    static Path binary() {
        return Stream.of("/usr/bin/prometheus-alertmanager", "/usr/local/bin/alertmanager", "/usr/bin/alertmanager")
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    }

    @BeforeEach
    void start() throws Exception {
        Path binary = binary();
        assumeTrue(binary != null, "prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager; .ci/run does)");
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
        base = URI.create("http://127.0.0.1:" + port);
        // An empty cluster.listen-address turns gossip off: no second port, no peers.
        alertmanager = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        await(() -> get("/-/ready").statusCode() == 200, "Alertmanager ready");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    @Test
    void shouldFireAnActiveAlertWithOurLabelsAndResolveIt() throws Exception {
        Alertmanager destination = new Alertmanager("am", base, Map.of("team", "platform"), "http://logdoctor-streams:8080/diagnoses",
                Alertmanager.DEFAULT_HOLD_FOR, Clock.systemUTC());
        Deliverer deliverer = TestDeliverers.withoutWaiting();
        String id = "d-00000000000000000a11";

        assertEquals(Retrier.Result.DELIVERED, deliverer.deliver(destination, Diagnoses.firing(id), Transition.FIRE, () -> true));
        JsonNode alert = await(() -> alerts(id), a -> a.size() == 1, "the alert is listed").get(0);
        assertEquals("active", alert.at("/status/state").asText(), alert.toString());
        assertEquals("vpc-cni/ipamd-not-ready", alert.at("/labels/alertname").asText());
        assertEquals("critical", alert.at("/labels/severity").asText());
        assertEquals("demo", alert.at("/labels/cluster").asText());
        assertEquals("kube-system", alert.at("/labels/namespace").asText());
        assertEquals("aws-node-2n7dp", alert.at("/labels/pod").asText());
        assertEquals("platform", alert.at("/labels/team").asText());
        assertEquals("aws-node keeps waiting for ipamd; the node never gets pod IPs", alert.at("/annotations/summary").asText());
        assertEquals("https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html", alert.at("/annotations/runbook_url").asText());
        assertEquals("http://logdoctor-streams:8080/diagnoses", alert.path("generatorURL").asText());

        assertEquals(Retrier.Result.DELIVERED, deliverer.deliver(destination, Diagnoses.resolved(id), Transition.RESOLVE, () -> true));
        await(() -> alerts(id), List::isEmpty, "the alert is no longer active");
    }

    /** Our alert as Alertmanager lists it (active, silenced and inhibited ones alike; resolved ones are left out). */
    private List<JsonNode> alerts(String id) throws IOException, InterruptedException {
        String filter = URLEncoder.encode("diagnosis=\"" + id + "\"", StandardCharsets.UTF_8);
        HttpResponse<String> r = get("/api/v2/alerts?filter=" + filter);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode array = Json.MAPPER.readTree(r.body());
        return Stream.iterate(0, i -> i < array.size(), i -> i + 1).map(array::get).toList();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @FunctionalInterface
    private interface Probe<T> {
        T get() throws IOException, InterruptedException;
    }

    private <T> T await(Probe<T> probe, Predicate<T> done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " within " + DEADLINE + "; last: " + last);
    }

    private void await(Probe<Boolean> probe, String what) throws InterruptedException {
        await(probe, Boolean::booleanValue, what);
    }
}
