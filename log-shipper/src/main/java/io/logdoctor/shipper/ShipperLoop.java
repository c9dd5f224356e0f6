package io.logdoctor.shipper;

import io.logdoctor.shipper.files.EarlyStart;
import io.logdoctor.shipper.files.FileCheckpoint;
import io.logdoctor.shipper.files.FileSource;
import io.logdoctor.shipper.files.PathsProvider;
import io.logdoctor.shipper.sink.LogSink;

import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipper's schedule, one round at a time: read a bounded amount from the node's files ({@link FileSource})
 * and poll every other {@link Source}, then commit the round's records and checkpoints as one unit
 * ({@link LogSink#commit}). If the sink fails, the round is aborted and everything goes back to its last
 * committed checkpoint (a file through its still open handle, so even a deleted file is read again), and the
 * next round reads the same lines again: nothing is lost, and with transactions nothing repeats. Driven by
 * {@link LogShipper}'s thread; tests call {@link #runOnce()} directly.
 */
final class ShipperLoop implements Closeable {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ShipperLoop.class);

    private final LogSink sink;
    private final Clock clock;
    private final ShipperMetrics metrics;
    private final FileSource files;
    /** The other sources (CloudWatch log groups, the journal...), read in the same rounds and transactions as the files. */
    private final List<Source> sources;
    private Duration backoff = Duration.ZERO;
    /** A round was committed (read by {@link LogShipper} to start what the first round does not need). */
    private volatile boolean roundCommitted;
    /** When Kafka last answered this loop (checkpoints restored, a round committed); 0 before. */
    private volatile long kafkaAnsweredMillis;
    /** File checkpoints the first restore found (a restart's: more than 0), -1 before it. */
    private volatile int firstRestored = -1;
    /** A commit's outcome is unknown: the committed checkpoints are read back before anything is read. */
    private boolean truthUnknown;

    /** A loop over the files {@code paths} lists that also reads {@code sources}; it owns them. */
    ShipperLoop(PathsProvider paths, LogSink sink, ShipperConfig config, Clock clock, ShipperMetrics metrics,
                List<Source> sources) {
        this(paths, sink, config, clock, metrics, sources, null);
    }

    /** The same, going on from what {@code early} began (null: nothing was). */
    ShipperLoop(PathsProvider paths, LogSink sink, ShipperConfig config, Clock clock, ShipperMetrics metrics,
                List<Source> sources, EarlyStart early) {
        this.sources = List.copyOf(sources);
        this.sink = sink;
        this.clock = clock;
        this.metrics = metrics;
        this.files = new FileSource(paths, sink, config, clock, metrics, early);
    }

    /** The first problem a source reports (its API unreachable), or null. */
    String sourceProblem() {
        for (Source source : sources) {
            String problem = source.problem();
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Asks for a directory scan in the next round (a watch event came). */
    void scanSoon() {
        files.scanSoon();
    }

    /**
     * One round: restore checkpoints if not done yet, read from the files and the sources, commit.
     *
     * @return true if some file or source had more to read than one round allows, so the next round should not wait
     * @throws LogSink.SinkFailedException if the sink failed for good (fenced, not authorized)
     */
    boolean runOnce() throws IOException, InterruptedException {
        try {
            if (!files.restored() || truthUnknown) {
                files.prefetch(); // the files are listed while the checkpoints are read
                // At start, or after a commit of unknown outcome: what Kafka holds, not what this loop assumed.
                Map<String, FileCheckpoint> kafka = sink.restore();
                kafkaAnsweredMillis = clock.millis();
                if (firstRestored < 0) {
                    firstRestored = kafka.size();
                }
                files.restore(kafka, truthUnknown);
                truthUnknown = false;
                Map<String, byte[]> restored = sink.restoredSources();
                for (Source source : sources) {
                    Map<String, byte[]> own = new HashMap<>();
                    restored.forEach((key, value) -> {
                        if (key.startsWith(source.keyPrefix())) {
                            own.put(key, value);
                        }
                    });
                    source.restore(own);
                }
            }
            boolean more = round();
            backoff = Duration.ZERO;
            return more;
        } catch (LogSink.SinkFailedException e) {
            if (e.fatal()) {
                throw e;
            }
            rewind(e);
            return false;
        } catch (KafkaException e) { // restore failed: Kafka not reachable yet
            metrics.kafkaErrors.increment();
            rewind(e);
            return false;
        }
    }

    private boolean round() throws IOException {
        Instant now = clock.instant();
        boolean more = files.poll(now);
        for (Source source : sources) {
            more |= source.poll(sink, now);
        }
        files.settleReplaced(now);
        commit(now);
        return more;
    }

    private void commit(Instant now) throws IOException {
        FileSource.Staged staged = files.stage(now);
        sources.forEach(source -> source.stage(sink)); // their checkpoints join the same transaction
        sink.commit(staged.all(), staged.changed(), staged.removed());
        sources.forEach(Source::committed);
        if (!staged.changed().isEmpty() || !staged.removed().isEmpty() || staged.lines() > 0) {
            metrics.committed(staged.lines(), staged.bytes());
        }
        kafkaAnsweredMillis = clock.millis();
        if (!roundCommitted) {
            roundCommitted = true;
            log.info("first round committed: {} lines, {} files followed", staged.lines(), files.followed()); // a restart's last step
        }
        files.committed(staged, now);
        metrics.roundDone(staged.lag());
    }

    /** The sink failed: abort, and send every file and source back to its last committed checkpoint. */
    private void rewind(Exception cause) throws IOException, InterruptedException {
        metrics.rewinds.increment();
        backoff = backoff.isZero() ? Duration.ofMillis(200)
                : backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        log.warn("shipping failed ({}); reading again from the last committed checkpoints in {} ms",
                cause.toString(), backoff.toMillis());
        try {
            sink.abort();
        } catch (RuntimeException e) {
            log.warn("abort failed too: {}", e.toString());
        }
        Instant now = clock.instant();
        sources.forEach(source -> source.rewind(now));
        truthUnknown |= cause instanceof LogSink.SinkFailedException s && s.outcomeUnknown();
        files.rewind();
        Thread.sleep(backoff.toMillis());
    }

    /** Commits what was read; call once reading has stopped. */
    void finish() throws IOException {
        if (files.restored()) {
            Instant now = clock.instant();
            files.drainGone(now);
            commit(now);
        }
    }

    /** When Kafka last answered this loop's restore or commit, in epoch ms; 0 before it did. */
    long kafkaAnsweredMillis() {
        return kafkaAnsweredMillis;
    }

    /** How many file checkpoints the first restore found; -1 before it. */
    int firstRestored() {
        return firstRestored;
    }

    /** True once a round was committed. */
    boolean roundCommitted() {
        return roundCommitted;
    }

    @Override
    public void close() throws IOException {
        try {
            files.close();
        } finally {
            sources.forEach(Source::close);
        }
    }
}
