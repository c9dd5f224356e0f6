package io.logdoctor.shipper;

import io.logdoctor.shipper.files.LostBytes;

import io.logdoctor.records.ServiceMetrics;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.producer.Producer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The shipper's counters and gauges, registered in its {@link ServiceMetrics} and read at scrape time. Any
 * thread may read them; the shipper's loop writes them. Every line that is not shipped as it was read is counted here: cut
 * ({@code truncated}), skipped as malformed, with invalid UTF-8 replaced, or dropped.
 *
 * <p>Per-file series are bounded: a node follows thousands of files (one series each made 1.15 MB of
 * {@code /metrics} at 10,000 files, and as many series in Prometheus, churning with every pod), so lag is
 * served as totals over all files plus the {@value #TOP_FILES} files that lag most, the ones worth a look
 * (at most {@value #TOP_FILES} series at a time; a file's series goes when it leaves the top).
 */
public final class ShipperMetrics {

    /** How many files get a series of their own: those with the most unread bytes. */
    static final int TOP_FILES = 20;

    final LongAdder linesShipped = new LongAdder();
    final LongAdder bytesShipped = new LongAdder();
    public final LongAdder truncated = new LongAdder();
    public final LongAdder tsReplaced = new LongAdder();
    public final LongAdder malformed = new LongAdder();
    public final LongAdder invalidUtf8 = new LongAdder();
    final LongAdder dropped = new LongAdder();
    public final LongAdder kafkaErrors = new LongAdder();
    final LongAdder rewinds = new LongAdder();
    final LongAdder commits = new LongAdder();
    final LongAdder rescuedBytes = new LongAdder();
    final LongAdder rescueSkippedBytes = new LongAdder();
    /** A file that could not be opened or read (errors_total reason). */
    public static final String UNREADABLE_FILE = "unreadable_file";
    /** A directory of the pod-log tree that could not be listed (errors_total reason). */
    public static final String UNREADABLE_DIR = "unreadable_dir";
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> bytesLost = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> filesLost = new ConcurrentHashMap<>();
    private final Clock clock;
    /** Null until {@link #bindTo}: counting never waits for the registry (its classes and JMX take seconds to load). */
    private volatile ServiceMetrics registry;
    private MultiGauge fileLag;
    private Producer<?, ?> producer;
    private volatile long lastCommitMillis;
    private volatile long lastRoundMillis;
    private volatile Lag lag = new Lag(0, 0, 0, List.of());

    public ShipperMetrics(Clock clock) {
        this.clock = clock;
        long now = clock.millis();
        this.lastCommitMillis = now;
        this.lastRoundMillis = now;
        // Every reason from the start, at 0: an alert on increase() sees the first one.
        List.of(UNREADABLE_FILE, UNREADABLE_DIR).forEach(r -> counted(errors, ERRORS, r));
        List.of(LostBytes.UNTERMINATED, LostBytes.NOT_FOUND).forEach(r -> {
            counted(filesLost, FILES_LOST, r);
            counted(bytesLost, BYTES_LOST, r);
        });
    }

    /** Serves every metric from {@code registry}, the producer's included; from then on new series go there too. */
    synchronized void bindTo(ServiceMetrics registry) {
        this.registry = registry;
        register();
        fileLag = MultiGauge.builder("logdoctor_shipper_file_lag_bytes").description("Bytes not read yet in each of the "
                + TOP_FILES + " files that lag most (files with none are left out).").register(registry.registry());
        Map.of(ERRORS, errors, FILES_LOST, filesLost, BYTES_LOST, bytesLost).forEach((name, byReason) ->
                byReason.forEach((reason, n) -> registry.counter(name, HELP.get(name), Tags.of("reason", reason), n, LongAdder::sum)));
        showTop(lag);
        if (producer != null) {
            registry.bindKafka("producer", producer);
        }
    }

    private synchronized void showTop(Lag now) {
        if (fileLag != null) { // overwrite: a file that left the top loses its series
            fileLag.register(now.top().stream().map(e -> MultiGauge.Row.of(Tags.of("file", e.getKey()), e.getValue())).toList(), true);
        }
    }

    /** Serves {@code p}'s metrics in place of the previous producer's (a new one after an aborted transaction). */
    public synchronized <P extends Producer<?, ?>> P producer(P p) {
        producer = p;
        if (registry != null) {
            registry.bindKafka("producer", p);
        }
        return p;
    }
    private static final String ERRORS = "logdoctor_shipper_errors_total";
    private static final String FILES_LOST = "logdoctor_shipper_files_lost_total";
    private static final String BYTES_LOST = "logdoctor_shipper_bytes_lost_total";
    private static final Map<String, String> HELP = Map.of(
            ERRORS, "Paths that could not be read, by reason (counted once per path until it is readable again).",
            FILES_LOST, "Files deleted, or truncated without a copy, before they were read to their end, by reason.",
            BYTES_LOST, "Bytes of those files known to be unread (a lower bound: what was written after the last read "
                    + "is unknown), by reason.");

    /** The adder of {@code reason} in {@code byReason}, registered as a series of {@code name} the first time. */
    private LongAdder counted(Map<String, LongAdder> byReason, String name, String reason) {
        return byReason.computeIfAbsent(reason, r -> {
            LongAdder n = new LongAdder();
            ServiceMetrics bound = registry;
            if (bound != null) {
                bound.counter(name, HELP.get(name), Tags.of("reason", r), n, LongAdder::sum);
            }
            return n;
        });
    }

    private void register() {
        gauge("logdoctor_shipper_files_tailed", "Files followed now.", () -> lag.files());
        gauge("logdoctor_shipper_files_lagging", "Followed files with bytes not read yet.", () -> lag.lagging());
        gauge("logdoctor_shipper_lag_bytes", "Bytes not read yet, over all followed files.", () -> lag.bytes());
        counter("logdoctor_shipper_lines_shipped_total", "Lines committed to logs.raw.", linesShipped);
        counter("logdoctor_shipper_bytes_shipped_total", "Bytes of line text committed to logs.raw.", bytesShipped);
        counter("logdoctor_shipper_lines_truncated_total", "Lines cut at the length limit (sent with truncated=true).", truncated);
        counter("logdoctor_shipper_ts_replaced_total", "Lines whose timestamp was out of range (before 1970 or after 9999); "
                + "sent with the read time and tsInvalid=true.", tsReplaced);
        counter("logdoctor_shipper_lines_malformed_total", "Lines skipped because they were not CRI or docker json lines.", malformed);
        counter("logdoctor_shipper_lines_invalid_utf8_total", "Lines whose invalid UTF-8 bytes were replaced by U+FFFD.", invalidUtf8);
        counter("logdoctor_shipper_lines_dropped_total", "Lines that could not be shipped at all.", dropped);
        counter("logdoctor_shipper_kafka_errors_total", "Failed sends, commits and transactions.", kafkaErrors);
        counter("logdoctor_shipper_rewinds_total", "Times the shipper aborted and read again from its committed checkpoints.", rewinds);
        counter("logdoctor_shipper_commits_total", "Checkpoint commits (transactions in exactly-once mode).", commits);
        counter("logdoctor_shipper_rescued_bytes_total", "Bytes copied into the rescue directory while Kafka was away, "
                + "so content overwritten in place meanwhile (a copytruncate copy) is shipped from the copy.", rescuedBytes);
        counter("logdoctor_shipper_rescue_skipped_bytes_total", "Bytes not copied into the rescue directory because it "
                + "was full (lost, and reported as lost, only if overwritten before Kafka was back).", rescueSkippedBytes);
        gauge("logdoctor_shipper_checkpoint_age_seconds", "Seconds since the last checkpoint commit.", this::checkpointAgeSeconds);
    }

    private void counter(String name, String help, LongAdder adder) {
        registry.counter(name, help, Tags.empty(), adder, LongAdder::sum);
    }

    private void gauge(String name, String help, Supplier<Number> value) {
        registry.gauge(name, help, Tags.empty(), value);
    }

    void committed(long lines, long bytes) {
        linesShipped.add(lines);
        bytesShipped.add(bytes);
        commits.increment();
        lastCommitMillis = clock.millis();
    }

    /** One error of kind {@code reason} (a path that cannot be read is counted once until it can be). */
    public void error(String reason) {
        counted(errors, ERRORS, reason).increment();
    }

    /** A file whose unread rest (at least {@code bytes}) can never be shipped, for {@code reason}. */
    public void lost(String reason, long bytes) {
        counted(filesLost, FILES_LOST, reason).increment();
        counted(bytesLost, BYTES_LOST, reason).add(bytes);
    }

    /** Files reported lost so far, over every reason. */
    long filesLost() {
        return filesLost.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The rescuer copied {@code bytes} and left out {@code skipped} bytes (its directory full). */
    public void rescued(long bytes, long skipped) {
        rescuedBytes.add(bytes);
        rescueSkippedBytes.add(skipped);
    }

    /** A round ended; {@code lag} is each followed file's unread bytes by path. */
    void roundDone(Map<String, Long> lag) {
        Lag now = Lag.of(lag, TOP_FILES);
        this.lag = now;
        showTop(now);
        lastRoundMillis = clock.millis();
    }

    /**
     * The lag of the files followed after the last round: how many, how many have unread bytes, the unread
     * bytes of all of them, and the {@code top} ones with most unread bytes (most first).
     */
    record Lag(int files, int lagging, long bytes, List<Map.Entry<String, Long>> top) {

        static Lag of(Map<String, Long> byFile, int topN) {
            // A min-heap of the topN largest: O(files log topN) per round, and nothing per file is kept.
            Comparator<Map.Entry<String, Long>> order = Map.Entry.<String, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()));
            PriorityQueue<Map.Entry<String, Long>> largest = new PriorityQueue<>(topN + 1, order);
            int lagging = 0;
            long bytes = 0;
            for (Map.Entry<String, Long> e : byFile.entrySet()) {
                long unread = e.getValue();
                if (unread <= 0) {
                    continue;
                }
                lagging++;
                bytes += unread;
                largest.add(Map.entry(e.getKey(), unread));
                if (largest.size() > topN) {
                    largest.poll();
                }
            }
            List<Map.Entry<String, Long>> top = new ArrayList<>(largest);
            top.sort(order.reversed());
            return new Lag(byFile.size(), lagging, bytes, List.copyOf(top));
        }
    }

    /** Bytes not read yet over all followed files, as of the last round. */
    long lagBytes() {
        return lag.bytes();
    }

    /** Seconds since the last round ended: a stuck loop shows here. */
    double secondsSinceRound() {
        return (clock.millis() - lastRoundMillis) / 1000.0;
    }

    /** Seconds since checkpoints were last committed (or since start). */
    double checkpointAgeSeconds() {
        return (clock.millis() - lastCommitMillis) / 1000.0;
    }

    /** The Prometheus text of every metric of this shipper's registry. */
    public String render() {
        return registry().scrape();
    }

    /** Closes the registry if one was bound (its Kafka and GC listeners). */
    synchronized void closeRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    /** The registry these metrics are served from; a bare one (no JVM metrics) if none was bound. */
    synchronized ServiceMetrics registry() {
        if (registry == null) {
            bindTo(ServiceMetrics.bare());
        }
        return registry;
    }
}
