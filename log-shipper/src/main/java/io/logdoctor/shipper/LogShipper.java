package io.logdoctor.shipper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ships the Kubernetes pod logs of one node into {@code logs.raw}, at least once: it tails every
 * {@code <podsRoot>/<namespace>_<pod>_<uid>/<container>/<n>.log}, parses CRI lines, and checkpoints
 * each file's offset after Kafka has acknowledged everything before it.
 *
 * <p>{@link #start} runs the shipper on its own thread until {@link #close}. If a record cannot be
 * shipped, the shipper logs the error and stops without moving its checkpoints; {@link #whenStopped()}
 * then completes exceptionally and {@link #close()} throws.
 */
public final class LogShipper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogShipper.class);

    private final ShipperLoop loop;
    private final LogSink sink;
    private final Duration pollInterval;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();

    private LogShipper(ShipperLoop loop, LogSink sink, Duration pollInterval) {
        this.loop = loop;
        this.sink = sink;
        this.pollInterval = pollInterval;
    }

    /**
     * Reads the checkpoints, connects the producer and starts shipping on a background thread.
     *
     * @throws UncheckedIOException if the checkpoint file cannot be read
     */
    public static LogShipper start(ShipperConfig config) {
        Objects.requireNonNull(config, "config");
        KafkaSink sink = KafkaSink.create(config);
        ShipperLoop loop;
        try {
            loop = new ShipperLoop(new PodLogScanner(config.podsRoot()), sink, new Checkpointer(config.stateDir()),
                    config, Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            sink.close();
            throw e instanceof IOException io ? new UncheckedIOException(io.getMessage(), io) : (RuntimeException) e;
        }
        log.info("shipping {} (cluster {}, node {}) to {}", config.podsRoot(), config.cluster(), config.node(),
                config.bootstrapServers());
        return start(loop, sink, config.pollInterval());
    }

    /** Starts the thread that drives {@code loop}; the shipper owns both arguments from here on. */
    static LogShipper start(ShipperLoop loop, LogSink sink, Duration pollInterval) {
        LogShipper shipper = new LogShipper(loop, sink, pollInterval);
        Thread thread = new Thread(shipper::run, "logdoctor-shipper");
        thread.start();
        return shipper;
    }

    private void run() {
        Throwable failure = null;
        try {
            while (stopRequested.getCount() > 0) {
                if (!loop.runOnce()) {
                    stopRequested.await(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
                }
            }
            loop.finish();
        } catch (Throwable t) {
            failure = t;
            log.error("log shipper failed and stopped; checkpoints stay at the last confirmed offsets", t);
        }
        try {
            loop.close();
        } catch (IOException | RuntimeException e) {
            log.warn("cannot close the log files: {}", e.toString());
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            log.warn("cannot close the sink: {}", e.toString());
        }
        if (failure == null) {
            stopped.complete(null);
        } else {
            stopped.completeExceptionally(failure);
        }
    }

    /** The number of lines Kafka has acknowledged so far. */
    public long linesShipped() {
        return loop.linesShipped();
    }

    /** The number of lines skipped because they were not CRI log lines. */
    public long malformedLines() {
        return loop.malformedLines();
    }

    /** Completes when the shipper has stopped: normally after {@link #close()}, exceptionally on failure. */
    public CompletableFuture<Void> whenStopped() {
        return stopped.copy();
    }

    /**
     * Stops reading, flushes, writes the final checkpoint and closes the producer; calling it again waits
     * for the same stop.
     *
     * @throws IllegalStateException if the shipper failed, with the failure as its cause
     */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            stopRequested.countDown();
        }
        try {
            stopped.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("log shipper failed: " + e.getCause(), e.getCause());
        }
    }
}
