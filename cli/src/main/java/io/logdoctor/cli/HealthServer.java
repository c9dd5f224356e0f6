package io.logdoctor.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** {@code /healthz} and Prometheus {@code /metrics} for a service that has no HTTP server of its own. */
final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    HealthServer(int port, BooleanSupplier healthy, Supplier<String> metrics) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/healthz", ex -> send(ex, healthy.getAsBoolean() ? 200 : 503,
                healthy.getAsBoolean() ? "ok\n" : "stopped\n", "text/plain"));
        server.createContext("/metrics", ex -> send(ex, 200, metrics.get(), "text/plain; version=0.0.4"));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange ex, int status, String body, String type) throws IOException {
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
