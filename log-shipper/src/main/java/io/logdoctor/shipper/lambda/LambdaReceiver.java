package io.logdoctor.shipper.lambda;

import io.logdoctor.records.GuardedHttpServer;
import io.logdoctor.records.ServiceMetrics;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Receives AWS Lambda logs over HTTP and produces them into {@code logs.raw}: {@code POST /firehose}
 * speaks Kinesis Data Firehose's HTTP endpoint delivery protocol (CloudWatch Logs subscription payloads),
 * {@code POST /telemetry} takes Lambda Telemetry API batches. Every request is answered 200 only after
 * Kafka has acknowledged all its records.
 *
 * <p>A {@link GuardedHttpServer}: bounded request workers (503 + {@code Retry-After} beyond), slow
 * clients dropped after the read timeout, the bind address of {@link LambdaConfig#http()}, and
 * {@code /telemetry} behind its bearer token when one is set. Memory is bounded by design: each request
 * is limited on the wire ({@link LambdaConfig#maxBodyBytes()}) and inflated
 * ({@link LambdaConfig#maxInflatedBytes()}, 413 past it), and all requests together by an
 * {@link InflightBudget} they charge as they read (503 when full). Firehose requires HTTPS on port 443:
 * put a TLS-terminating load balancer or ingress in front.
 */
public final class LambdaReceiver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LambdaReceiver.class);

    /** HttpServer.stop waits this long for exchanges (on Java 17 always this long: JDK-8304065). */
    private static final int STOP_SECONDS = 1;
    /** Requests still waiting for Kafka get this long to be answered before the producer closes. */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final GuardedHttpServer server;
    private final LambdaProducer producer;
    private final LambdaCounters counters;
    private final InflightBudget inflight;

    private LambdaReceiver(GuardedHttpServer server, LambdaProducer producer, LambdaCounters counters, InflightBudget inflight) {
        this.server = server;
        this.producer = producer;
        this.counters = counters;
        this.inflight = inflight;
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
        InflightBudget inflight = new InflightBudget(config.inflightBytes());
        GuardedHttpServer server;
        try {
            server = GuardedHttpServer.builder("logdoctor-lambda", config.http())
                    .route("/firehose", new FirehoseHandler(config, inflight, producer, counters, Clock.systemUTC()))
                    .protectedRoute("/telemetry", new TelemetryHandler(config, inflight, producer, counters))
                    .start(config.port());
        } catch (IOException e) {
            producer.close();
            throw new UncheckedIOException("cannot listen on " + config.http().bindAddress() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        LambdaReceiver receiver = new LambdaReceiver(server, producer, counters, inflight);
        if (config.firehoseAccessKey() == null) {
            log.warn("no Firehose access key configured: POST /firehose answers 401 to every request");
        }
        if (config.http().bearerToken() == null) {
            log.warn("no bearer token configured: POST /telemetry takes batches from anyone who reaches {}:{}",
                    config.http().bindAddress(), receiver.port());
        }
        log.info("receiving Lambda logs on port {} (POST /firehose, POST /telemetry) for {}", receiver.port(), config);
        return receiver;
    }

    /** The port the receiver listens on (the chosen one when configured with 0). */
    public int port() {
        return server.port();
    }

    /** What the receiver has done so far. */
    public LambdaCounters counters() {
        return counters;
    }

    /** Serves its counters, memory budget and HTTP refusals from {@code metrics} (the shipper's {@code /metrics}). */
    public void bindMetrics(ServiceMetrics metrics) {
        counters.bindTo(metrics);
        metrics.gauge("logdoctor_lambda_inflight_bytes", "Bytes of requests being decoded or waiting for Kafka now.",
                Tags.empty(), inflight::used);
        metrics.gauge("logdoctor_lambda_inflight_budget_bytes", "The most bytes of requests held at once (lambda-inflight-bytes).",
                Tags.empty(), inflight::capacity);
        metrics.counter("logdoctor_lambda_refused_total", LambdaCounters.REFUSED_HELP, Tags.of("reason", "memory_budget"),
                inflight, InflightBudget::refusals);
        server.countRefusalsIn(metrics);
    }

    /**
     * Stops accepting, gives requests in flight a moment to finish, then closes the producer. A request
     * cut short here was never answered 200, so its sender retries it.
     */
    @Override
    public void close() {
        server.stop(STOP_SECONDS, DRAIN);
        producer.close();
        log.info("Lambda receiver stopped: {}", counters);
    }
}
