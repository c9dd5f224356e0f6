package io.logdoctor.notifier;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpPosterTest {

    private static final byte[] BODY = "{\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    private final HttpPoster poster = new HttpPoster(Duration.ofMillis(500));

    @Test
    void shouldClassifyWhatSlackAndPagerDutyAnswer() throws Exception {
        try (FakeEndpoint server = FakeEndpoint.slack()) {
            server.script(FakeEndpoint.Answer.of(200, "ok"),
                    FakeEndpoint.Answer.of(202, "{\"status\":\"success\"}"),
                    new FakeEndpoint.Answer(429, "rate_limited", Map.of("Retry-After", "7")),
                    FakeEndpoint.Answer.of(429, "rate_limited"),
                    FakeEndpoint.Answer.of(500, "rollup_error"),
                    FakeEndpoint.Answer.of(503, ""),
                    FakeEndpoint.Answer.of(400, "invalid_payload"),
                    FakeEndpoint.Answer.of(403, "action_prohibited"),
                    FakeEndpoint.Answer.of(404, "channel_not_found"),
                    FakeEndpoint.Answer.of(410, "channel_is_archived"));
            URI uri = server.uri("/services/T/B/X");
            byte[] body = "{\"text\":\"x\",\"blocks\":[{\"type\":\"divider\"}]}".getBytes(StandardCharsets.UTF_8);

            assertEquals(new Outcome.Delivered(200), poster.post(uri, body));
            assertEquals(new Outcome.Delivered(202), poster.post(uri, body));
            assertEquals(new Outcome.Retry("HTTP 429: rate_limited", Duration.ofSeconds(7)), poster.post(uri, body));
            assertNull(((Outcome.Retry) poster.post(uri, body)).retryAfter(), "no header: back off instead");
            assertEquals(new Outcome.Retry("HTTP 500: rollup_error", null), poster.post(uri, body));
            assertInstanceOf(Outcome.Retry.class, poster.post(uri, body));
            assertEquals(new Outcome.Rejected("HTTP 400: invalid_payload"), poster.post(uri, body));
            assertEquals(new Outcome.Rejected("HTTP 403: action_prohibited"), poster.post(uri, body));
            assertEquals(new Outcome.Rejected("HTTP 404: channel_not_found"), poster.post(uri, body));
            assertEquals(new Outcome.Rejected("HTTP 410: channel_is_archived"), poster.post(uri, body));
            assertEquals("application/json; charset=utf-8", server.received().get(0).contentType());
        }
    }

    @Test
    void shouldTreatARefusedConnectionAsRetryable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        Outcome outcome = poster.post(URI.create("http://127.0.0.1:" + port + "/"), BODY);

        assertInstanceOf(Outcome.Retry.class, outcome);
    }

    @Test
    void shouldTimeOutAnEndpointThatNeverAnswers() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                released.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try {
            long start = System.nanoTime();
            Outcome outcome = poster.post(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), BODY);

            assertInstanceOf(Outcome.Retry.class, outcome);
            assertTrue(((Outcome.Retry) outcome).reason().contains("HttpTimeoutException"), outcome.toString());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos(), "the timeout bounds the attempt");
        } finally {
            released.countDown();
            server.stop(0);
        }
    }
}
