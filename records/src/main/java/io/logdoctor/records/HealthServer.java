package io.logdoctor.records;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /healthz} (200 while the service says it is healthy, else 503) and Prometheus
 * {@code /metrics} on a {@link GuardedHttpServer}: what every logdoctor service serves.
 */
public final class HealthServer implements AutoCloseable {

    /** The Content-Type of the Prometheus text format that {@code /metrics} serves. */
    public static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final GuardedHttpServer server;
    // Until a service says what ready means, /readyz answers like /healthz.
    private volatile BooleanSupplier ready;
    private volatile Supplier<String> readyDetail = () -> "";

    /**
     * Serves on {@code port} (0 for any free one) with {@code options} until closed; no route needs the token.
     * {@code /metrics} is {@code metrics}' scrape, the server's own refusals counted in it.
     */
    public HealthServer(int port, String threadName, HttpOptions options, BooleanSupplier healthy, ServiceMetrics metrics)
            throws IOException {
        this.ready = healthy;
        server = GuardedHttpServer.builder(threadName, options)
                .route("/healthz", ex -> {
                    boolean ok = healthy.getAsBoolean();
                    send(ex, ok ? 200 : 503, ok ? "ok\n" : "unhealthy\n", "text/plain");
                })
                .route("/readyz", ex -> {
                    boolean ok = ready.getAsBoolean();
                    String detail = readyDetail.get();
                    send(ex, ok ? 200 : 503, detail.isEmpty() ? (ok ? "ready\n" : "not ready\n") : detail, "text/plain");
                })
                .route("/metrics", ex -> send(ex, 200, metrics.scrape(), METRICS_TYPE))
                .metrics(metrics)
                .start(port);
    }

    /** Also serves {@code /readyz}: 200 while {@code ready} says so, else 503, with {@code detail} as the body. */
    public HealthServer withReadiness(BooleanSupplier ready, Supplier<String> detail) {
        this.readyDetail = detail;
        this.ready = ready;
        return this;
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    /** Answers {@code ex} with {@code body} as UTF-8 text of the given content type. */
    public static void send(HttpExchange ex, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
