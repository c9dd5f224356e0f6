package io.logdoctor.records;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The one way logdoctor builds an HTTP server (the JDK's {@code com.sun.net.httpserver}) that withstands
 * hostile clients: it listens on {@link HttpOptions#bindAddress()}, works on at most
 * {@link HttpOptions#workers()} requests at once and answers 503 with {@code Retry-After} beyond, drops
 * a client that takes longer than {@link HttpOptions#readTimeout()} to send its request or take an
 * answer (slowloris), and asks for the bearer token on protected routes (401 with
 * {@code WWW-Authenticate}).
 *
 * <pre>{@code
 * GuardedHttpServer http = GuardedHttpServer.builder("logdoctor-streams-http", options)
 *         .route("/healthz", this::health)
 *         .protectedRoute("/diagnoses", this::diagnoses)
 *         .start(8080);
 * }</pre>
 */
public final class GuardedHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GuardedHttpServer.class);

    /** Threads beyond the workers: they read a request and answer 503, so "busy" is an answer, not a hang. */
    static final int SPARE_THREADS = 2;

    private final String name;
    private final HttpServer server;
    private final RequestDeadlines threads;
    private final AtomicLong busy;
    private final AtomicLong unauthorized;

    private GuardedHttpServer(String name, HttpServer server, RequestDeadlines threads, AtomicLong busy, AtomicLong unauthorized) {
        this.name = name;
        this.server = server;
        this.threads = threads;
        this.busy = busy;
        this.unauthorized = unauthorized;
    }

    /** A server named {@code name} (its threads and its metrics label) with these options. */
    public static Builder builder(String name, HttpOptions options) {
        return new Builder(name, options);
    }

    /** Routes, then {@link #start}. */
    public static final class Builder {
        private final String name;
        private final HttpOptions options;
        private final Map<String, HttpHandler> open = new LinkedHashMap<>();
        private final Map<String, HttpHandler> secured = new LinkedHashMap<>();
        private ServiceMetrics metrics;

        private Builder(String name, HttpOptions options) {
            this.name = Objects.requireNonNull(name, "name");
            this.options = Objects.requireNonNull(options, "options");
        }

        /** A route anyone who can reach the port may call (probes, metrics). */
        public Builder route(String path, HttpHandler handler) {
            open.put(path, Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** A route that needs the bearer token when one is configured. */
        public Builder protectedRoute(String path, HttpHandler handler) {
            secured.put(path, Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Counts its refusals in {@code metrics} ({@code logdoctor_http_refused_total{server,reason}}). */
        public Builder metrics(ServiceMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** Listens on {@code port} (0 for any free one) and serves until closed. */
        public GuardedHttpServer start(int port) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(options.bindAddress(), port), 0);
            RequestDeadlines threads = new RequestDeadlines(name, options.workers() + SPARE_THREADS, options.readTimeout());
            Semaphore permits = new Semaphore(options.workers());
            AtomicLong busy = new AtomicLong();
            AtomicLong unauthorized = new AtomicLong();
            RequestGuard openGuard = new RequestGuard(permits, null, busy, unauthorized);
            RequestGuard tokenGuard = new RequestGuard(permits, options.bearerToken(), busy, unauthorized);
            open.forEach((path, handler) -> server.createContext(path, exact(path, handler)).getFilters().add(openGuard));
            secured.forEach((path, handler) -> {
                HttpContext context = server.createContext(path, exact(path, handler));
                context.getFilters().add(tokenGuard);
            });
            server.setExecutor(threads);
            server.start();
            log.info("{} listening on {} ({})", name, server.getAddress(), options);
            GuardedHttpServer guarded = new GuardedHttpServer(name, server, threads, busy, unauthorized);
            if (metrics != null) {
                guarded.countRefusalsIn(metrics);
            }
            return guarded;
        }
    }

    /**
     * {@code handler} for {@code path} itself only: the JDK's contexts match by prefix, so {@code /healthzXYZ}
     * would be answered as {@code /healthz}; any other path under it is 404.
     */
    private static HttpHandler exact(String path, HttpHandler handler) {
        return ex -> {
            if (ex.getRequestURI().getPath().equals(path)) {
                handler.handle(ex);
            } else {
                HealthServer.send(ex, 404, "no such path: " + ex.getRequestURI().getPath() + "\n", "text/plain");
            }
        };
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The address it listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Counts its refusals in {@code metrics} ({@code logdoctor_http_refused_total{server,reason}}). */
    public void countRefusalsIn(ServiceMetrics metrics) {
        String help = "Requests answered without running their handler, by reason: busy (503, every worker taken), "
                + "no_thread (503, no thread left), unauthorized (401), read_timeout (the client was too slow).";
        refused(metrics, help, "busy", busy, AtomicLong::get);
        refused(metrics, help, "no_thread", threads, RequestDeadlines::rejected);
        refused(metrics, help, "unauthorized", unauthorized, AtomicLong::get);
        refused(metrics, help, "read_timeout", threads, RequestDeadlines::timeouts);
    }

    private <T> void refused(ServiceMetrics metrics, String help, String reason, T source, ToLongFunction<T> count) {
        metrics.counter("logdoctor_http_refused_total", help, Tags.of("server", name, "reason", reason), source,
                s -> count.applyAsLong(s));
    }

    /**
     * Stops listening (the JDK server waits up to {@code seconds}; on Java 17 always that long:
     * JDK-8304065), then lets handlers still running finish for up to {@code drain}.
     */
    public void stop(int seconds, Duration drain) {
        server.stop(seconds);
        threads.close(drain);
    }

    /** Stops at once. */
    public void stop(int seconds) {
        stop(seconds, Duration.ZERO);
    }

    @Override
    public void close() {
        stop(0);
    }
}
