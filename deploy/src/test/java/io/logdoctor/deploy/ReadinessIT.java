package io.logdoctor.deploy;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.notifier.Notifier;
import io.logdoctor.notifier.NotifierConfig;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.HealthServer;
import io.logdoctor.records.HttpOptions;
import io.logdoctor.records.TopicCreator;
import io.logdoctor.records.Topics;
import io.logdoctor.shipper.LogShipper;
import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.streams.DiagnosisApp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probes the manifests point at tell the truth when Kafka goes away: the shipper, the streams app and the
 * notifier run on a broker of their own, answer {@code /readyz} 200, then the broker stops, and each must answer
 * 503 naming Kafka within 30 s (before, all three said 200 for 80 s) and say so in one WARN, while
 * {@code /healthz} (liveness: a restart would not bring Kafka back) stays 200.
 */
class ReadinessIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldTurnUnreadyWithin30SecondsOfLosingKafkaAndSayWhy(@TempDir Path work) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(new Tee(stderr, log), true, StandardCharsets.UTF_8)); // slf4j-simple writes to System.err
        EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafka.Options.defaults());
        List<AutoCloseable> services = new ArrayList<>();
        try {
            Map<String, Integer> ports = start(broker.bootstrapServers(), work, services);
            for (Map.Entry<String, Integer> s : ports.entrySet()) {
                awaitStatus(s.getKey(), s.getValue(), 200, Duration.ofSeconds(120));
            }

            broker.close();
            long stopped = System.nanoTime();
            Map<String, String> answers = new TreeMap<>();
            for (Map.Entry<String, Integer> s : ports.entrySet()) {
                String body = awaitStatus(s.getKey(), s.getValue(), 503, WITHIN.plusSeconds(30));
                Duration after = Duration.ofNanos(System.nanoTime() - stopped);
                answers.put(s.getKey(), after.toMillis() + " ms: " + body.strip());
                assertTrue(after.compareTo(WITHIN) <= 0, s.getKey() + " said 503 only after " + after);
                assertTrue(body.contains("Kafka at " + broker.bootstrapServers() + " unreachable for"), s.getKey() + ": " + body);
                assertEquals(200, get(s.getValue(), "/healthz").statusCode(), s.getKey() + " stays live");
            }
            System.out.printf("ReadinessIT: /readyz after the broker stopped: %s%n", answers);
            // The WARN comes with the probe that fails after the 15 s (a probe waits up to 5 s for its answer).
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            for (String service : List.of("shipper", "streams", "notifier")) {
                while (warnings(log, service) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                assertEquals(1, warnings(log, service), service + " warns once (then once a minute): " + log);
            }
        } finally {
            System.setErr(stderr);
            closeAll(services);
            broker.close();
        }
    }

    private static long warnings(ByteArrayOutputStream log, String service) {
        return log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("WARN") && l.contains(service + ": Kafka at ")
                && l.contains("/readyz answers 503")).count();
    }

    /** The three services as their commands start them; their HTTP ports by name. */
    private static Map<String, Integer> start(String bootstrap, Path work, List<AutoCloseable> services) throws Exception {
        HttpOptions loopback = HttpOptions.defaults().withBindAddress("127.0.0.1");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicCreator(admin).createAll(Topics.ALL, 1, (short) 1, Duration.ofSeconds(60));
        }
        Map<String, Integer> ports = new TreeMap<>();
        DiagnosisApp app = DiagnosisApp.start(DiagnosisApp.Options.of(bootstrap, work.resolve("streams"), SignatureCatalog.bundled())
                .withHttp(0, "127.0.0.1").withHttpOptions(loopback)
                .withKafkaProperties(Map.of("application.id", "readiness-" + UUID.randomUUID())));
        services.add(app);
        ports.put("streams", app.httpPort());
        LogShipper shipper = LogShipper.start(ShipperConfig.defaults(bootstrap, Files.createDirectories(work.resolve("pods")),
                work.resolve("shipper")).withContainersRoot(null).withMetricsPort(0), loopback);
        services.add(shipper);
        ports.put("shipper", shipper.metricsPort());
        Notifier notifier = Notifier.start(NotifierConfig.load(Path.of("..", "notifier", "routes.example.yaml"),
                        Map.of("SLACK_WEBHOOK_URL", "http://127.0.0.1:9/services/T0/B0/x",
                                "PAGERDUTY_ROUTING_KEY", "0123456789abcdef0123456789abcdef"))
                .withBootstrapServers(bootstrap).withGroupId("readiness-" + UUID.randomUUID()));
        services.add(notifier);
        HealthServer notifierHttp = new HealthServer(0, "readiness-notifier", loopback, notifier::isRunning, notifier.metricsRegistry())
                .withReadiness(notifier::isReady, notifier::readinessDetail); // as NotifierCommand serves it
        services.add(0, notifierHttp);
        ports.put("notifier", notifierHttp.port());
        return ports;
    }

    /** Polls {@code path} until it answers {@code status}; returns the body. */
    private static String awaitStatus(String service, int port, int status, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get(port, "/readyz");
            if (last.statusCode() == status) {
                return last.body();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(service + " /readyz never answered " + status + " within " + patience + "; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Closes each service on a thread of its own: without a broker, each waits out its own timeouts. */
    private static void closeAll(List<AutoCloseable> services) throws InterruptedException {
        List<Thread> closing = new ArrayList<>();
        for (AutoCloseable s : services) {
            Thread t = new Thread(() -> {
                try {
                    s.close();
                } catch (Exception e) {
                    System.out.println("ReadinessIT: closing " + s.getClass().getSimpleName() + " without a broker: " + e);
                }
            });
            t.start();
            closing.add(t);
        }
        for (Thread t : closing) {
            t.join(60_000);
        }
    }

    /** Writes to both streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
