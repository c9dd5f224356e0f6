package io.logdoctor.shipper;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The shipper's counters and gauges, rendered in the Prometheus text format. Any thread may read them;
 * the shipper's loop writes them. Every line that is not shipped as it was read is counted here: cut
 * ({@code truncated}), skipped as malformed, with invalid UTF-8 replaced, or dropped.
 *
 * <p>Per-file series are bounded: a node follows thousands of files (one series each made 1.15 MB of
 * {@code /metrics} at 10,000 files, and as many series in Prometheus, churning with every pod), so lag is
 * served as totals over all files plus the {@value #TOP_FILES} files that lag most, the ones worth a look.
 */
final class ShipperMetrics {

    /** How many files get a series of their own: those with the most unread bytes. */
    static final int TOP_FILES = 20;

    final LongAdder linesShipped = new LongAdder();
    final LongAdder bytesShipped = new LongAdder();
    final LongAdder truncated = new LongAdder();
    final LongAdder tsReplaced = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder invalidUtf8 = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder kafkaErrors = new LongAdder();
    final LongAdder rewinds = new LongAdder();
    final LongAdder commits = new LongAdder();
    /** A file that could not be opened or read (errors_total reason). */
    static final String UNREADABLE_FILE = "unreadable_file";
    /** A directory of the pod-log tree that could not be listed (errors_total reason). */
    static final String UNREADABLE_DIR = "unreadable_dir";
    private final Map<String, LongAdder> errors = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> bytesLost = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> filesLost = new ConcurrentSkipListMap<>();
    private final Clock clock;
    private volatile long lastCommitMillis;
    private volatile long lastRoundMillis;
    private volatile Lag lag = new Lag(0, 0, 0, List.of());

    ShipperMetrics(Clock clock) {
        this.clock = clock;
        long now = clock.millis();
        this.lastCommitMillis = now;
        this.lastRoundMillis = now;
    }

    void committed(long lines, long bytes) {
        linesShipped.add(lines);
        bytesShipped.add(bytes);
        commits.increment();
        lastCommitMillis = clock.millis();
    }

    /** One error of kind {@code reason} (a path that cannot be read is counted once until it can be). */
    void error(String reason) {
        errors.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** A file whose unread rest (at least {@code bytes}) can never be shipped, for {@code reason}. */
    void lost(String reason, long bytes) {
        filesLost.computeIfAbsent(reason, r -> new LongAdder()).increment();
        bytesLost.computeIfAbsent(reason, r -> new LongAdder()).add(bytes);
    }

    /** A round ended; {@code lag} is each followed file's unread bytes by path. */
    void roundDone(Map<String, Long> lag) {
        this.lag = Lag.of(lag, TOP_FILES);
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

    /** Seconds since the last round ended: a stuck loop shows here. */
    double secondsSinceRound() {
        return (clock.millis() - lastRoundMillis) / 1000.0;
    }

    /** Seconds since checkpoints were last committed (or since start). */
    double checkpointAgeSeconds() {
        return (clock.millis() - lastCommitMillis) / 1000.0;
    }

    /** The Prometheus text exposition of every metric. */
    String render() {
        Lag lag = this.lag;
        StringBuilder out = new StringBuilder(2048 + 160 * lag.top().size());
        gauge(out, "logdoctor_shipper_files_tailed", "Files followed now.", lag.files());
        gauge(out, "logdoctor_shipper_files_lagging", "Followed files with bytes not read yet.", lag.lagging());
        gauge(out, "logdoctor_shipper_lag_bytes", "Bytes not read yet, over all followed files.", lag.bytes());
        counter(out, "logdoctor_shipper_lines_shipped_total", "Lines committed to logs.raw.", linesShipped.sum());
        counter(out, "logdoctor_shipper_bytes_shipped_total", "Bytes of line text committed to logs.raw.", bytesShipped.sum());
        counter(out, "logdoctor_shipper_lines_truncated_total", "Lines cut at the length limit (sent with truncated=true).", truncated.sum());
        counter(out, "logdoctor_shipper_ts_replaced_total", "Lines whose timestamp was out of range (before 1970 or after 9999); "
                + "sent with the read time and tsInvalid=true.", tsReplaced.sum());
        counter(out, "logdoctor_shipper_lines_malformed_total", "Lines skipped because they were not CRI or docker json lines.", malformed.sum());
        counter(out, "logdoctor_shipper_lines_invalid_utf8_total", "Lines whose invalid UTF-8 bytes were replaced by U+FFFD.", invalidUtf8.sum());
        counter(out, "logdoctor_shipper_lines_dropped_total", "Lines that could not be shipped at all.", dropped.sum());
        counter(out, "logdoctor_shipper_kafka_errors_total", "Failed sends, commits and transactions.", kafkaErrors.sum());
        counter(out, "logdoctor_shipper_rewinds_total", "Times the shipper aborted and read again from its committed checkpoints.", rewinds.sum());
        counter(out, "logdoctor_shipper_commits_total", "Checkpoint commits (transactions in exactly-once mode).", commits.sum());
        labelled(out, "logdoctor_shipper_errors_total", "Paths that could not be read, by reason (counted once per path "
                + "until it is readable again).", errors);
        labelled(out, "logdoctor_shipper_files_lost_total", "Files deleted, or truncated without a copy, before they "
                + "were read to their end, by reason.", filesLost);
        labelled(out, "logdoctor_shipper_bytes_lost_total", "Bytes of those files known to be unread (a lower bound: "
                + "what was written after the last read is unknown), by reason.", bytesLost);
        gauge(out, "logdoctor_shipper_checkpoint_age_seconds", "Seconds since the last checkpoint commit.", checkpointAgeSeconds());
        out.append("# HELP logdoctor_shipper_file_lag_bytes Bytes not read yet in each of the ").append(TOP_FILES)
                .append(" files that lag most (files with none are left out).\n")
                .append("# TYPE logdoctor_shipper_file_lag_bytes gauge\n");
        lag.top().forEach(e -> out.append("logdoctor_shipper_file_lag_bytes{file=\"")
                .append(escape(e.getKey())).append("\"} ").append(e.getValue()).append('\n'));
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(value).append('\n');
    }

    private static void labelled(StringBuilder out, String name, String help, Map<String, LongAdder> byReason) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n");
        byReason.forEach((reason, n) -> out.append(name).append("{reason=\"").append(escape(reason)).append("\"} ")
                .append(n.sum()).append('\n'));
    }

    /** A gauge of whole numbers (counts, bytes), printed exactly: a double would print 4.9995E7. */
    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(value).append('\n');
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
