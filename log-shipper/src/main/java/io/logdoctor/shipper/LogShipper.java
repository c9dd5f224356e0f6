package io.logdoctor.shipper;

import io.logdoctor.shipper.cloudwatch.CloudWatchSource;
import io.logdoctor.shipper.cloudwatch.SdkLogsApi;
import io.logdoctor.shipper.events.EventsConfig;
import io.logdoctor.shipper.events.EventsSource;
import io.logdoctor.shipper.events.FileEventsApi;
import io.logdoctor.shipper.events.KubeEventsApi;
import io.logdoctor.shipper.events.KubeEventsClient;
import io.logdoctor.shipper.files.DirectoryWatcher;
import io.logdoctor.shipper.files.EarlyStart;
import io.logdoctor.shipper.files.PathsProvider;
import io.logdoctor.shipper.journal.JournalSource;
import io.logdoctor.shipper.lambda.LambdaReceiver;
import io.logdoctor.shipper.sink.KafkaSink;
import io.logdoctor.shipper.sink.LogSink;
import io.logdoctor.shipper.sink.TransactionalSink;

import io.logdoctor.records.HealthServer;
import io.logdoctor.records.HttpOptions;
import io.logdoctor.records.KafkaReachability;
import io.logdoctor.records.ServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the Kubernetes pod logs of one node into {@code logs.raw}: it follows every container log under
 * the pod-log root (and the {@code /var/log/containers} links), across rotations, and commits each
 * file's checkpoint with the records it covers: exactly once with Kafka transactions (the default), or
 * at least once with a checkpoint file.
 *
 * <p>{@link #start} runs the shipper on its own thread until {@link #close}, and serves {@code /healthz}
 * and {@code /metrics} if a metrics port is set. While Kafka is down or slow the shipper waits and reads
 * again from its committed checkpoints; it stops only if it cannot go on at all (fenced by a newer
 * instance for the same node, not authorized), and then {@link #whenStopped()} completes exceptionally
 * and {@link #close()} throws.
 */
public final class LogShipper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogShipper.class);
    /** A loop that has not come round for this long is reported unhealthy. */
    private static final long STUCK_MILLIS = 180_000;
    /** Unread bytes and no commit for this long: not ready (Kafka refuses, or the loop cannot get them out). */
    static final long COMMIT_STALE_SECONDS = 120;

    private final ShipperLoop loop;
    private final LogSink sink;
    private final DirectoryWatcher watcher;
    private final Duration pollInterval;
    private final ShipperMetrics metrics;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean stopRequested;
    private volatile long lastLoopMillis = System.currentTimeMillis();
    // Set by start() after the thread starts; closed by it when it stops.
    private volatile HealthServer server;
    private volatile KafkaReachability kafka;
    /** The Lambda receiver, when the config asks for one; started after the files, closed first when the thread ends. */
    private volatile LambdaReceiver lambda;
    /** Set when the shipper's thread ends, under this object's lock: a probe started later is closed at once. */
    private boolean ended;
    /** Completes at the first committed round. */
    private final CompletableFuture<Void> firstCommit = new CompletableFuture<>();
    /** Completes at the first commit holding lines of a run that restored file checkpoints at its start (a restart). */
    private final CompletableFuture<Void> restartShipped = new CompletableFuture<>();
    /** How long the reachability probe waits for a first commit before it starts anyway. */
    static final long PROBE_DELAY_SECONDS = 5;

    private LogShipper(ShipperLoop loop, LogSink sink, DirectoryWatcher watcher, Duration pollInterval,
                       ShipperMetrics metrics) {
        this.loop = loop;
        this.sink = sink;
        this.watcher = watcher;
        this.pollInterval = pollInterval;
        this.metrics = metrics;
    }

    /**
     * Connects the producer and starts shipping on a background thread; checkpoints are restored there
     * (waiting for Kafka if it is not reachable yet).
     *
     * @throws UncheckedIOException if the metrics port cannot be bound
     */
    public static LogShipper start(ShipperConfig config) {
        return start(config, HttpOptions.defaults());
    }

    /**
     * {@link #start(ShipperConfig)}, with {@code /healthz} and {@code /metrics} served as {@code http} says
     * (bind address, read timeout, workers; the token is not asked for on either).
     */
    public static LogShipper start(ShipperConfig config, HttpOptions http) {
        return start(config, http, CompletableFuture.completedFuture(null));
    }

    /**
     * {@link #start(ShipperConfig, HttpOptions)} while the topics are still being checked: {@code topicsReady}
     * completes once they exist. The producer starts meanwhile (it needs none of them); checkpoints are read
     * and records sent only after it. If it fails, the shipper stops with its cause.
     */
    public static LogShipper start(ShipperConfig config, HttpOptions http, CompletableFuture<?> topicsReady) {
        return start(config, http, topicsReady, null);
    }

    /**
     * {@link #start(ShipperConfig, HttpOptions, CompletableFuture)}, taking over {@code prestart} (null: none) when it
     * names the same files and state directory as {@code config}, else closing it.
     */
    public static LogShipper start(ShipperConfig config, HttpOptions http, CompletableFuture<?> topicsReady,
                                   ShipperPrestart prestart) {
        Objects.requireNonNull(config, "config");
        Runnable awaitTopics = () -> {
            try {
                topicsReady.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        };
        Clock clock = Clock.systemUTC();
        boolean eventsOnly = config.events() != null && config.events().eventsOnly();
        if (prestart != null && (eventsOnly || !prestart.fits(config))) {
            prestart.close();
            prestart = null;
        }
        List<Source> sources;
        try {
            // Made first: a missing region fails here, before anything else needs closing.
            sources = sources(config);
        } catch (RuntimeException e) {
            if (prestart != null) {
                prestart.close();
            }
            throw e;
        }
        // Before the producer is made (hundreds of ms): a shipper killed while starting has copied what is at risk.
        if (prestart == null && !eventsOnly) {
            prestart = ShipperPrestart.begin(config);
        }
        ShipperMetrics metrics = prestart != null ? prestart.metrics : new ShipperMetrics(clock);
        DirectoryWatcher watcher = prestart != null ? prestart.watcher : new DirectoryWatcher();
        PathsProvider files = prestart != null ? prestart.scanner : List::of; // logdoctor events: no pod files
        EarlyStart early = prestart != null ? prestart.early : null;
        LogSink sink;
        try {
            sink = config.delivery() == ShipperConfig.Delivery.EXACTLY_ONCE
                    ? TransactionalSink.create(config, metrics, awaitTopics) : KafkaSink.create(config, metrics, awaitTopics);
        } catch (RuntimeException e) {
            if (prestart != null) {
                prestart.close();
            }
            throw e;
        }
        ShipperLoop loop = new ShipperLoop(files, sink, config, clock, metrics, sources, early);
        LogShipper shipper = new LogShipper(loop, sink, watcher, config.pollInterval(), metrics);
        log.info("shipping {} (cluster {}, node {}, {}) to {}", eventsOnly ? "Kubernetes Events" : config.podsRoot(), config.cluster(), config.node(),
                config.delivery(), config.bootstrapServers());
        // Shipping starts first: the metrics registry and its JVM binders load for seconds on a busy node.
        shipper.startThread();
        ServiceMetrics registry = config.metricsPort() >= 0 ? ServiceMetrics.create() : null;
        if (registry != null) {
            metrics.bindTo(registry);
        }
        sources.forEach(source -> source.bindMetrics(metrics.registry(), clock));
        if (registry != null) {
            shipper.probeKafkaLater(config);
            try {
                shipper.server = new HealthServer(config.metricsPort(), "logdoctor-shipper-http", http, shipper::healthy,
                        registry).withReadiness(() -> shipper.notReady() == null, shipper::readinessDetail);
            } catch (IOException e) {
                try {
                    shipper.close();
                } catch (RuntimeException stopFailed) {
                    e.addSuppressed(stopFailed);
                }
                throw new UncheckedIOException("cannot serve /metrics on port " + config.metricsPort() + ": " + e, e);
            }
        }
        if (config.lambda() != null) {
            LambdaReceiver receiver;
            try {
                receiver = LambdaReceiver.start(config.lambda());
            } catch (RuntimeException e) {
                try {
                    shipper.close();
                } catch (RuntimeException stopFailed) {
                    e.addSuppressed(stopFailed);
                }
                throw e;
            }
            receiver.bindMetrics(metrics.registry());
            synchronized (shipper) {
                if (!shipper.ended) {
                    shipper.lambda = receiver; // closed with the rest when the shipper's thread ends
                    return shipper;
                }
            }
            receiver.close(); // the shipper stopped meanwhile
        }
        return shipper;
    }

    /** Starts the thread that drives {@code loop}; the shipper owns both arguments from here on. */
    static LogShipper start(ShipperLoop loop, LogSink sink, Duration pollInterval, ShipperMetrics metrics) {
        LogShipper shipper = new LogShipper(loop, sink, new DirectoryWatcher(), pollInterval, metrics);
        shipper.startThread();
        return shipper;
    }

    /**
     * Starts Kafka's reachability probe for {@code /readyz} once the first round is committed, or after
     * {@value #PROBE_DELAY_SECONDS} s if none is: its Admin client (classes, a thread, requests) would compete with
     * a restart for the CPU, and until the first commit the shipper's own requests say whether Kafka answers.
     */
    private void probeKafkaLater(ShipperConfig config) {
        firstCommit.completeOnTimeout(null, PROBE_DELAY_SECONDS, TimeUnit.SECONDS).thenRunAsync(() -> {
            // Seeded with the loop's last answer from Kafka, so an outage that begins before the probe's first check
            // reads "unreachable for N s" (the shipper did reach Kafka), not "has not answered yet".
            KafkaReachability probe = KafkaReachability.start("shipper", config.bootstrapServers(), config.kafkaProperties(),
                    loop.kafkaAnsweredMillis());
            synchronized (this) {
                if (!ended) {
                    kafka = probe;
                    return;
                }
            }
            probe.close(); // the shipper stopped meanwhile
        }, task -> {
            Thread thread = new Thread(task, "logdoctor-shipper-probe-start");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private void startThread() {
        new Thread(this::run, "logdoctor-shipper").start();
    }

    private void run() {
        Throwable failure = null;
        try {
            while (!stopRequested) {
                boolean more = loop.runOnce();
                lastLoopMillis = System.currentTimeMillis();
                if (!firstCommit.isDone() && loop.roundCommitted()) {
                    firstCommit.complete(null);
                }
                if (!restartShipped.isDone() && loop.firstRestored() > 0 && metrics.linesShipped.sum() > 0) {
                    restartShipped.complete(null);
                }
                if (!more && !stopRequested && watcher.await(pollInterval)) {
                    loop.scanSoon(); // something appeared: list the directories now, not at the next scan
                }
            }
            loop.finish();
        } catch (Throwable t) {
            failure = t;
            if (t instanceof LogSink.SinkFailedException f && f.fatal()) {
                // Kafka's answer (fenced by a newer instance for this node, not authorized): a condition, not a bug
                log.error("log shipper stopped: {}; checkpoints stay at the last committed offsets", t.getMessage());
            } else {
                log.error("log shipper failed and stopped; checkpoints stay at the last committed offsets", t);
            }
        }
        KafkaReachability probe;
        LambdaReceiver receiver;
        synchronized (this) {
            ended = true;
            probe = kafka;
            receiver = lambda;
        }
        // The receiver first: no new requests; the ones in flight finish or fail, so Firehose retries them.
        closeQuietly(receiver, loop, sink, watcher, server, probe, metrics::closeRegistry);
        if (failure == null) {
            stopped.complete(null);
        } else {
            stopped.completeExceptionally(failure);
        }
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                log.warn("cannot close {}: {}", r.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** True while the shipper runs and its loop keeps coming round (it may be waiting for Kafka). */
    boolean healthy() {
        return !stopped.isDone() && System.currentTimeMillis() - lastLoopMillis < STUCK_MILLIS;
    }

    /**
     * Why {@code /readyz} says 503, or null: the shipper stopped or its loop is stuck, its checkpoints are not
     * restored yet, Kafka does not answer,
     * or bytes wait to be read while nothing was committed for {@value #COMMIT_STALE_SECONDS} s.
     */
    String notReady() {
        if (!healthy()) {
            return stopped.isDone() ? "the shipper stopped" : "the shipper's loop has not come round for 3 minutes";
        }
        // Before the probe starts (a first commit, or 5 s), the loop's own answer from Kafka stands in for it.
        String unreachable = kafka != null ? kafka.problem()
                : loop.kafkaAnsweredMillis() == 0 ? "the checkpoints are not restored yet (Kafka has not answered)" : null;
        if (unreachable != null) {
            return unreachable;
        }
        String source = loop.sourceProblem();
        if (source != null) {
            return source;
        }
        long unread = metrics.lagBytes();
        double age = metrics.checkpointAgeSeconds();
        return unread > 0 && age >= COMMIT_STALE_SECONDS
                ? unread + " bytes wait to be read and nothing was committed for " + (long) age + " s" : null;
    }

    private String readinessDetail() {
        String problem = notReady();
        return problem == null ? "ready\n" : "not ready: " + problem + "\n";
    }

    /** The number of lines committed to Kafka so far. */
    public long linesShipped() {
        return metrics.linesShipped.sum();
    }

    /** The Prometheus text of the shipper's metrics and of any bound component, as {@code /metrics} serves it. */
    public String metricsText() {
        return metrics.render();
    }

    /** The registry {@code /metrics} serves: another component (the Lambda receiver) binds its metrics here. */
    public ServiceMetrics metrics() {
        return metrics.registry();
    }

    /** The port the Lambda receiver listens on, or -1 if none. */
    public int lambdaPort() {
        LambdaReceiver receiver = lambda;
        return receiver == null ? -1 : receiver.port();
    }

    /** The port {@code /healthz} and {@code /metrics} listen on, or -1 if none. */
    public int metricsPort() {
        return server == null ? -1 : server.port();
    }

    /**
     * Completes once lines are committed in a run that restored file checkpoints at its start: a restart's whole
     * path (checkpoints read and parsed, records sent, a transaction committed) has then run, which is what the
     * launcher's class-data archive is made of. Never completes in a run that restored none, or sent nothing.
     */
    public CompletableFuture<Void> whenShippedAfterRestore() {
        return restartShipped.copy();
    }

    /** Completes when the shipper has stopped: normally after {@link #close()}, exceptionally on failure. */
    public CompletableFuture<Void> whenStopped() {
        return stopped.copy();
    }

    /**
     * Stops reading, commits what was read and closes the producer; calling it again waits for the same stop.
     *
     * @throws IllegalStateException if the shipper failed, with the failure as its cause
     */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            stopRequested = true;
        }
        try {
            stopped.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("log shipper failed: " + e.getCause(), e.getCause());
        }
    }

    private static KubeEventsApi eventsApi(EventsConfig events) {
        if (events.file() == null) {
            return KubeEventsClient.create(events);
        }
        try {
            return FileEventsApi.read(events.file());
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The sources read beside the node's files, one registration each; made first, so bad settings fail before anything needs closing. */
    private static List<Source> sources(ShipperConfig config) {
        List<Source> sources = new ArrayList<>();
        if (config.cloudWatch() != null) {
            sources.add(new CloudWatchSource(config.cloudWatch(), SdkLogsApi.create(config.cloudWatch()), config.cluster()));
        }
        if (config.events() != null) {
            sources.add(new EventsSource(config.events(), eventsApi(config.events()), config.cluster()));
        }
        if (config.journal() != null) {
            sources.add(new JournalSource(config.journal(), config.cluster(), config.node(), config.maxLineBytes(), Clock.systemUTC()));
        }
        return sources;
    }
}
