package io.logdoctor.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Hostile clients against a real {@link GuardedHttpServer} on loopback, each followed by a canary that must succeed. */
class GuardedHttpServerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final HttpOptions ONE_WORKER = new HttpOptions(HttpOptions.LOOPBACK, Duration.ofSeconds(1), 1, null);
    private final ServiceMetrics metrics = ServiceMetrics.create();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldDropClientsThatTrickleHeadersOrBodiesAndServeTheNextOne() throws Exception {
        try (GuardedHttpServer server = GuardedHttpServer.builder("test-http", ONE_WORKER).metrics(metrics)
                .route("/healthz", ex -> HealthServer.send(ex, 200, "ok\n", "text/plain"))
                .route("/upload", ex -> {
                    byte[] body = ex.getRequestBody().readAllBytes();
                    HealthServer.send(ex, 200, body.length + "\n", "text/plain");
                })
                .start(0)) {
            // More slow clients than threads (1 worker + 2 spare): headers a byte at a time, and a body
            // a byte at a time after complete headers.
            List<Trickler> slow = new ArrayList<>();
            for (int i = 0; i < GuardedHttpServer.SPARE_THREADS + 1; i++) {
                slow.add(new Trickler(server.port(), "G", "ET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
            }
            slow.add(new Trickler(server.port(), "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n", "x".repeat(100000)));
            slow.forEach(Trickler::start);
            for (Trickler t : slow) {
                assertTrue(t.closedByServer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS),
                        "the server keeps a client that sent " + t.sent + " bytes at a byte a tick");
            }
            assertEquals(200, canary(server.port(), "/healthz").statusCode());
            assertEquals("100000\n", client.send(HttpRequest.newBuilder(uri(server.port(), "/upload"))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100000))).build(), HttpResponse.BodyHandlers.ofString()).body());
            // Each slow client was either timed out or, finding no thread at all, closed at once.
            long timedOut = refused("read_timeout");
            assertTrue(timedOut >= 1, metrics.scrape());
            assertEquals(slow.size(), timedOut + refused("no_thread"), metrics.scrape());
        }
    }

    @Test
    void shouldKeepTheHealthServersHealthzAnsweringAfterClientsThatStall() throws Exception {
        try (HealthServer health = new HealthServer(0, "test-health", ONE_WORKER, () -> true, metrics)) {
            List<Trickler> slow = new ArrayList<>();
            for (int i = 0; i < GuardedHttpServer.SPARE_THREADS + 2; i++) {
                slow.add(new Trickler(health.port(), "GET /healthz HTTP/1.1\r\n", "Host: x\r\n".repeat(100)));
            }
            slow.forEach(Trickler::start);
            for (Trickler t : slow) {
                assertTrue(t.closedByServer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the health server keeps a stalled client");
            }
            assertEquals("ok\n", canary(health.port(), "/healthz").body());
            assertTrue(get(health.port(), "/metrics", null).body().contains("\nlogdoctor_http_refused_total{reason=\"read_timeout\",server=\"test-health\"} "));
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenEveryWorkerIsTaken() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        try (GuardedHttpServer server = GuardedHttpServer.builder("test-http", ONE_WORKER).metrics(metrics)
                .route("/slow", ex -> {
                    entered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    HealthServer.send(ex, 200, "done\n", "text/plain");
                })
                .route("/healthz", ex -> HealthServer.send(ex, 200, "ok\n", "text/plain"))
                .start(0)) {
            CompletableFuture<HttpResponse<String>> first = client.sendAsync(HttpRequest.newBuilder(uri(server.port(), "/slow")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            HttpResponse<String> busy = client.send(HttpRequest.newBuilder(uri(server.port(), "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, busy.statusCode());
            assertEquals("1", busy.headers().firstValue("Retry-After").orElse(null));
            release.countDown();
            assertEquals(200, first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode());
            assertEquals(200, canary(server.port(), "/healthz").statusCode());
        }
    }

    @Test
    void shouldAskForTheBearerTokenOnProtectedRoutesOnly() throws Exception {
        try (GuardedHttpServer server = GuardedHttpServer.builder("test-http", ONE_WORKER.withBearerToken("s3cret-token")).metrics(metrics)
                .route("/healthz", ex -> HealthServer.send(ex, 200, "ok\n", "text/plain"))
                .protectedRoute("/diagnoses", ex -> HealthServer.send(ex, 200, "[]", "application/json"))
                .start(0)) {
            HttpResponse<String> none = get(server.port(), "/diagnoses", null);
            assertEquals(401, none.statusCode());
            assertEquals("Bearer realm=\"logdoctor\"", none.headers().firstValue("WWW-Authenticate").orElse(null));
            assertEquals(401, get(server.port(), "/diagnoses", "Bearer s3cret-tokeN").statusCode());
            assertEquals(401, get(server.port(), "/diagnoses", "Basic czNjcmV0LXRva2Vu").statusCode());
            assertEquals(200, get(server.port(), "/diagnoses", "Bearer s3cret-token").statusCode());
            assertEquals(200, get(server.port(), "/diagnoses", "bearer s3cret-token").statusCode());
            assertEquals(200, get(server.port(), "/healthz", null).statusCode());
            assertTrue(metrics.scrape().contains("reason=\"unauthorized\",server=\"test-http\"} 3.0"), metrics.scrape());
        }
    }

    @Test
    void shouldAnswerARouteOnItsExactPathOnly() throws Exception {
        try (HealthServer health = new HealthServer(0, "test-health", ONE_WORKER, () -> true, metrics)) {
            assertEquals(200, get(health.port(), "/healthz", null).statusCode());
            assertEquals(200, get(health.port(), "/healthz?verbose=1", null).statusCode());
            for (String near : List.of("/healthzXYZ", "/healthz/", "/healthz/x", "/readyz2", "/metricsfoo")) {
                HttpResponse<String> r = get(health.port(), near, null);
                assertEquals(404, r.statusCode(), near + ": " + r.body());
                assertEquals("no such path: " + near + "\n", r.body());
            }
        }
    }

    @Test
    void shouldListenOnTheConfiguredAddressOnly() throws Exception {
        try (GuardedHttpServer server = GuardedHttpServer.builder("test-http", ONE_WORKER).metrics(metrics).start(0)) {
            assertEquals("127.0.0.1", server.address().getAddress().getHostAddress());
        }
        assertEquals("0.0.0.0", HttpOptions.defaultBindAddress(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1")));
        assertEquals("127.0.0.1", HttpOptions.defaultBindAddress(Map.of()));
    }

    private long refused(String reason) {
        String prefix = "logdoctor_http_refused_total{reason=\"" + reason + "\",server=\"test-http\"} ";
        return metrics.scrape().lines().filter(l -> l.startsWith(prefix))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(prefix.length()))).sum();
    }

    /** Polls until the server answers (a slow client may still hold the last thread for a moment). */
    private HttpResponse<String> canary(int port, String path) throws Exception {
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                HttpResponse<String> r = get(port, path, null);
                if (r.statusCode() == 200 || System.nanoTime() > end) {
                    return r;
                }
            } catch (IOException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
    }

    private HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Sends a head at once, then the rest a byte every 100 ms; completes true when the server closes the connection. */
    private static final class Trickler extends Thread {
        final CompletableFuture<Boolean> closedByServer = new CompletableFuture<>();
        private final int port;
        private final byte[] head;
        private final byte[] rest;
        volatile int sent;

        Trickler(int port, String head, String rest) {
            this.port = port;
            this.head = head.getBytes(StandardCharsets.US_ASCII);
            this.rest = rest.getBytes(StandardCharsets.US_ASCII);
            setDaemon(true);
        }

        @Override
        public void run() {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(100);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(head);
                sent = head.length;
                for (byte b : rest) {
                    out.write(b);
                    out.flush();
                    sent++;
                    try {
                        if (in.read() < 0) {
                            closedByServer.complete(true);
                            return;
                        }
                    } catch (SocketTimeoutException e) {
                        continue; // still open: the tick
                    }
                }
                closedByServer.complete(false); // sent everything: the server waited it out
            } catch (IOException e) {
                closedByServer.complete(true); // reset by the server
            }
        }
    }
}
