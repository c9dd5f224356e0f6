package io.logdoctor.deploy;

import io.logdoctor.broker.EmbeddedKafka;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.io.IOException;

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
        ThreeServices services = null;
        try {
            services = new ThreeServices(broker.bootstrapServers(), work, "readiness");
            Map<String, Integer> ports = services.ports;
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
            if (services != null) {
                services.close();
            }
            broker.close();
        }
    }

    private static long warnings(ByteArrayOutputStream log, String service) {
        return log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("WARN") && l.contains(service + ": Kafka at ")
                && l.contains("/readyz answers 503")).count();
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

    /** Writes to both streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
