package io.logdoctor.streams;

import io.logdoctor.records.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.List;

/**
 * The app's own counters, registered in its {@link ServiceMetrics}. Stream threads only add to
 * {@link LongAdder}s and cached {@link Counter}s, so counting costs next to nothing on the hot path. Labels are
 * bounded: signatures by the catalogue, statuses and DLQ reasons by the code, namespaces by {@link ErrorCoverage}.
 */
public final class AppMetrics implements DeadLetterCounter {

    final LongAdder recordsIn = new LongAdder();
    /** Of those, the ones never decoded: no literal of the catalogue and no error hint in their bytes. */
    final LongAdder recordsSkipped = new LongAdder();
    final LongAdder matcherNanos = new LongAdder();
    final ErrorCoverage errorCoverage;
    private final ServiceMetrics registry;
    private final LongAdder timestampsReplaced = new LongAdder();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, Counter> matches = new ConcurrentHashMap<>();
    private final Map<String, Counter> emitted = new ConcurrentHashMap<>();

    /** Counts kept for an offline run or a test: no JVM or process metrics. */
    public AppMetrics() {
        this(ServiceMetrics.bare());
    }

    /** The app's metrics in {@code registry}, the one its {@code /metrics} serves. */
    public AppMetrics(ServiceMetrics registry) {
        this.registry = registry;
        this.errorCoverage = new ErrorCoverage(registry);
        registry.counter("logdoctor_records_in_total", "Log records read from logs.raw.", Tags.empty(), recordsIn, LongAdder::sum);
        registry.counter("logdoctor_records_skipped_total", "Of the records read, those never decoded: their bytes hold no "
                + "literal of the catalogue and no error hint.", Tags.empty(), recordsSkipped, LongAdder::sum);
        registry.counter("logdoctor_timestamps_replaced_total", "Lines whose ts was unreadable or out of range; the receive "
                + "time stood in.", Tags.empty(), timestampsReplaced, LongAdder::sum);
        registry.counter("logdoctor_matcher_seconds_total", "Time spent matching lines against the catalogue.", Tags.empty(),
                matcherNanos, n -> n.sum() / 1e9);
        DeadLetters.REASONS.forEach(this::deadLetter); // every series from the start, at 0
        List.of("firing", "resolved").forEach(this::emittedCounter);
    }

    void matched(String signature) {
        matches(signature).increment();
    }

    /** The matches counter of {@code signature}; made at start for each loaded one, so rate() sees its first match. */
    Counter matches(String signature) {
        return matches.computeIfAbsent(signature, s -> Counter.builder("logdoctor_matches_total")
                .description("Lines that matched, by signature.").tag("signature", s).register(registry.registry()));
    }

    /** A line whose {@code ts} was unreadable or out of range; its receive time stood in. */
    void timestampReplaced() {
        timestampsReplaced.increment();
    }

    @Override
    public void deadLettered(String reason) {
        deadLetter(reason).increment();
    }

    private Counter deadLetter(String reason) {
        return deadLetters.computeIfAbsent(reason, r -> Counter.builder("logdoctor_dlq_records_total")
                .description("Records sent to logs.dlq, by reason.").tag("reason", r).register(registry.registry()));
    }

    void emitted(String status) {
        emittedCounter(status).increment();
    }

    private Counter emittedCounter(String status) {
        return emitted.computeIfAbsent(status, s -> Counter.builder("logdoctor_diagnoses_emitted_total")
                .description("Diagnosis records emitted, by status.").tag("status", s).register(registry.registry()));
    }

    /**
     * A value read when the metrics are scraped, such as the DLQ count or the catalogue version: a counter
     * when {@code name} ends in {@code _total}, else a gauge.
     */
    void gauge(String name, String help, LongSupplier value) {
        if (name.endsWith("_total")) {
            registry.counter(name, help, Tags.empty(), value, LongSupplier::getAsLong);
        } else {
            registry.gauge(name, help, Tags.empty(), value::getAsLong);
        }
    }

    /** The registry {@code /metrics} serves. */
    ServiceMetrics registry() {
        return registry;
    }

    /** The metrics as Prometheus text. */
    public String render() {
        return registry.scrape();
    }
}
