package io.logdoctor.streams;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The app's own counters, rendered in the Prometheus text exposition format. Stream threads only
 * add to {@link LongAdder}s, so counting costs next to nothing on the hot path.
 */
public final class AppMetrics implements DeadLetterCounter {

    final LongAdder recordsIn = new LongAdder();
    /** Of those, the ones never decoded: no literal of the catalogue and no error hint in their bytes. */
    final LongAdder recordsSkipped = new LongAdder();
    final LongAdder matcherNanos = new LongAdder();
    final ErrorCoverage errorCoverage = new ErrorCoverage();
    private final LongAdder timestampsReplaced = new LongAdder();
    private final Map<String, LongAdder> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> matches = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> emitted = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    public AppMetrics() {
        DeadLetters.REASONS.forEach(reason -> deadLetters.put(reason, new LongAdder())); // every series from the start, at 0
    }

    void matched(String signature) {
        matches.computeIfAbsent(signature, s -> new LongAdder()).increment();
    }

    /** A line whose {@code ts} was unreadable or out of range; its receive time stood in. */
    void timestampReplaced() {
        timestampsReplaced.increment();
    }

    @Override
    public void deadLettered(String reason) {
        deadLetters.computeIfAbsent(reason, s -> new LongAdder()).increment();
    }

    void emitted(String status) {
        emitted.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** A value read when the metrics are scraped, such as the DLQ count or the catalogue version. */
    void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    /** The metrics as Prometheus text. */
    public String render() {
        StringBuilder out = new StringBuilder();
        counter(out, "logdoctor_records_in_total", "Log records read from logs.raw.", Map.of("", recordsIn.sum()));
        counter(out, "logdoctor_records_skipped_total",
                "Log records of logs.raw not decoded: their bytes hold no literal of the catalogue and no error hint.",
                Map.of("", recordsSkipped.sum()));
        counter(out, "logdoctor_matches_total", "Lines that matched, by signature.", labelled("signature", matches));
        counter(out, "logdoctor_dlq_records_total", "Records sent to logs.dlq, by reason.", labelled("reason", deadLetters));
        counter(out, "logdoctor_timestamps_replaced_total", "Lines whose ts was unreadable or out of range; the receive time stood in.",
                Map.of("", timestampsReplaced.sum()));
        counter(out, "logdoctor_diagnoses_emitted_total", "Diagnosis records emitted, by status.", labelled("status", emitted));
        out.append("# HELP logdoctor_matcher_seconds_total Time spent matching lines against the catalogue.\n")
                .append("# TYPE logdoctor_matcher_seconds_total counter\n")
                .append("logdoctor_matcher_seconds_total ").append(matcherNanos.sum() / 1e9).append('\n');
        errorCoverage.render(out);
        new TreeMap<>(gauges).forEach((name, value) -> out.append("# TYPE ").append(name)
                .append(name.endsWith("_total") ? " counter\n" : " gauge\n").append(name).append(' ')
                .append(value.getAsLong()).append('\n'));
        return out.toString();
    }

    private static Map<String, Long> labelled(String label, Map<String, LongAdder> values) {
        Map<String, Long> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(label + "=\"" + k.replace("\\", "\\\\").replace("\"", "\\\"") + "\"", v.sum()));
        return out;
    }

    private static void counter(StringBuilder out, String name, String help, Map<String, Long> series) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        series.forEach((labels, value) -> out.append(name).append(labels.isEmpty() ? "" : "{" + labels + "}")
                .append(' ').append(value).append('\n'));
    }
}
