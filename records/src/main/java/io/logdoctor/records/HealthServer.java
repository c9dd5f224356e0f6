package io.logdoctor.records;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /healthz} (200 while the service says it is healthy, else 503) and Prometheus
 * {@code /metrics}, on the JDK's HTTP server with one daemon thread: what every logdoctor service serves.
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    /** Serves on {@code port} (0 for any free one) until closed. */
    public HealthServer(int port, String threadName, BooleanSupplier healthy, Supplier<String> metrics) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/healthz", ex -> {
            boolean ok = healthy.getAsBoolean();
            send(ex, ok ? 200 : 503, ok ? "ok\n" : "unhealthy\n", "text/plain");
        });
        server.createContext("/metrics", ex -> send(ex, 200, metrics.get(), "text/plain; version=0.0.4"));
        server.start();
    }

    /** Also serves {@code /readyz}: 200 while {@code ready} says so, else 503, with {@code detail} as the body. */
    public HealthServer withReadiness(BooleanSupplier ready, Supplier<String> detail) {
        server.createContext("/readyz", ex -> send(ex, ready.getAsBoolean() ? 200 : 503, detail.get(), "text/plain"));
        return this;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
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
        server.stop(0);
    }
}
