package io.logdoctor.shipper;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Receives AWS Lambda logs over HTTP and produces them into {@code logs.raw}: {@code POST /firehose}
 * speaks Kinesis Data Firehose's HTTP endpoint delivery protocol (CloudWatch Logs subscription payloads),
 * {@code POST /telemetry} takes Lambda Telemetry API batches. Every request is answered 200 only after
 * Kafka has acknowledged all its records.
 *
 * <p>One JDK {@link HttpServer} on all interfaces, with a small fixed pool of request threads: each holds
 * at most one body (up to {@link LambdaConfig#maxBodyBytes()}, again after gunzip) while it waits for
 * Kafka, which bounds memory. Connections beyond the pool wait in a bounded queue; past that the
 * accepting thread runs the request itself, which slows accepting down instead of dropping anything.
 * Firehose requires HTTPS on port 443: put a TLS-terminating load balancer or ingress in front.
 */
public final class LambdaReceiver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LambdaReceiver.class);

    /** Request threads; with the default 8 MiB limit about 4 x 3 x 8 MiB of bodies at worst. */
    static final int THREADS = 4;
    /** Connections waiting for a thread; a waiting connection holds no body yet. */
    static final int QUEUE = 256;
    /** HttpServer.stop waits this long for exchanges (on Java 17 always this long: JDK-8304065). */
    private static final int STOP_SECONDS = 1;
    private static final int DRAIN_SECONDS = 5;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final LambdaProducer producer;
    private final LambdaCounters counters;

    private LambdaReceiver(HttpServer server, ThreadPoolExecutor executor, LambdaProducer producer, LambdaCounters counters) {
        this.server = server;
        this.executor = executor;
        this.producer = producer;
        this.counters = counters;
    }

    /**
     * Connects the producer and starts listening. {@code logs.raw} must exist (the CLI creates the
     * pipeline's topics and waits for them before starting services).
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static LambdaReceiver start(LambdaConfig config) {
        Objects.requireNonNull(config, "config");
        LambdaCounters counters = new LambdaCounters();
        LambdaProducer producer = LambdaProducer.create(config, counters);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.port()), 0);
        } catch (IOException e) {
            producer.close();
            throw new UncheckedIOException("cannot listen on port " + config.port() + ": " + e.getMessage(), e);
        }
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), threads(), new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        server.createContext("/firehose", new FirehoseHandler(config.firehoseAccessKey(), config.maxBodyBytes(),
                producer, counters, Clock.systemUTC()));
        server.createContext("/telemetry", new TelemetryHandler(config.maxBodyBytes(), producer, counters));
        server.start();
        LambdaReceiver receiver = new LambdaReceiver(server, executor, producer, counters);
        if (config.firehoseAccessKey() == null) {
            log.warn("no Firehose access key configured: POST /firehose answers 401 to every request");
        }
        log.info("receiving Lambda logs on port {} (POST /firehose, POST /telemetry) for {}", receiver.port(), config);
        return receiver;
    }

    /** The port the receiver listens on (the chosen one when configured with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** What the receiver has done so far. */
    public LambdaCounters counters() {
        return counters;
    }

    /**
     * Stops accepting, gives requests in flight a few seconds to finish, then closes the producer. A
     * request cut short here was never answered 200, so its sender retries it.
     */
    @Override
    public void close() {
        server.stop(STOP_SECONDS);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        producer.close();
        log.info("Lambda receiver stopped: {}", counters);
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "logdoctor-lambda-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
