package io.logdoctor.cli;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.HttpOptions;
import io.logdoctor.streams.DiagnosisApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streams app's HTTP endpoints against hostile clients, on a real broker: more stalled connections
 * than the server has threads, and callers without the bearer token; then the canary: a diagnosis of
 * lines produced afterwards is served to a caller with the token.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class StreamsHttpHostileIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TOKEN = "it-token-" + UUID.randomUUID();

    @TempDir
    Path work;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldDropStalledClientsRefuseStrangersAndStillServeTheDiagnosis(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Services.createTopics(bootstrap, Map.of(), 3, (short) 1);
        Path catalogDir = work.resolve("catalog");
        Files.createDirectories(catalogDir.resolve("team"));
        // Its own id: StreamsAppIT deletes team/disk-full from the shared signatures topic, which this app follows.
        Files.writeString(catalogDir.resolve("team/disk-full-guarded.yaml"),
                StreamsAppIT.SIGNATURE.replace("id: team/disk-full", "id: team/disk-full-guarded"));
        Files.writeString(catalogDir.resolve("team/disk-full-guarded.match.log"), "write /x: no space left on device\n");
        HttpOptions http = new HttpOptions(HttpOptions.LOOPBACK, Duration.ofSeconds(2), 2, TOKEN);
        try (DiagnosisApp app = DiagnosisApp.start(DiagnosisApp.Options.of(bootstrap, work.resolve("state"), SignatureCatalog.load(catalogDir))
                .withHttp(0, "127.0.0.1").withHttpOptions(http).withKafkaProperties(Map.of("application.id", "it-" + UUID.randomUUID())))) {
            int port = app.httpPort();
            String base = "http://127.0.0.1:" + port;
            Http.await(base + "/healthz", r -> r.status() == 200, WAIT);

            // Six clients that send half a request and stall: more than the 2 workers + 2 spare threads.
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.getOutputStream().write("GET /diagnoses HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                stalled.add(s);
            }
            for (Socket s : stalled) {
                assertTrue(closedByServer(s), "the server still holds a stalled client after " + WAIT);
            }

            HttpResponse<String> stranger = get(base + "/diagnoses", null);
            assertEquals(401, stranger.statusCode());
            assertEquals("Bearer realm=\"logdoctor\"", stranger.headers().firstValue("WWW-Authenticate").orElse(null));
            assertEquals(401, get(base + "/signatures", "Bearer not-" + TOKEN).statusCode());
            assertEquals(200, get(base + "/metrics", null).statusCode());

            String pod = "writer-" + UUID.randomUUID().toString().substring(0, 8);
            StreamsAppIT.produce(bootstrap, pod, "write /data/ledger.db: no space left on device", 2);
            long end = System.nanoTime() + WAIT.toNanos();
            HttpResponse<String> diagnoses = get(base + "/diagnoses", "Bearer " + TOKEN);
            while (!diagnoses.body().contains(pod) && System.nanoTime() < end) {
                Thread.sleep(200);
                diagnoses = get(base + "/diagnoses", "Bearer " + TOKEN);
            }
            assertEquals(200, diagnoses.statusCode());
            assertTrue(diagnoses.body().contains(pod), diagnoses.body());
            String metrics = get(base + "/metrics", null).body();
            assertTrue(metrics.contains("logdoctor_http_refused_total{reason=\"unauthorized\",server=\"logdoctor-streams-http\"} 2.0"), metrics);
        }
    }

    /** True once the server closes or resets the connection; false if it is still open after WAIT. */
    private static boolean closedByServer(Socket socket) throws IOException {
        try (socket) {
            socket.setSoTimeout(500);
            InputStream in = socket.getInputStream();
            long end = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < end) {
                try {
                    if (in.read() < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    continue; // still open
                } catch (IOException e) {
                    return true; // reset
                }
            }
            return false;
        }
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
