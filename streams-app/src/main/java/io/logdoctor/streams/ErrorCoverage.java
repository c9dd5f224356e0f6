package io.logdoctor.streams;

import io.logdoctor.records.ServiceMetrics;
import io.micrometer.core.instrument.Tags;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Error-looking lines and how many of them a signature explained, per namespace (per log group for
 * Lambda), for the explained-error ratio on /metrics: how much of a team's error volume the catalogue
 * covers. At most {@value #MAX_NAMESPACES} names are kept apart; the rest count under {@code other}.
 */
final class ErrorCoverage {

    static final int MAX_NAMESPACES = 500;
    static final String OTHER = "other";

    private record Counts(LongAdder errors, LongAdder explained) {
    }

    private final Map<String, Counts> byNamespace = new ConcurrentHashMap<>();
    private final ServiceMetrics registry;

    ErrorCoverage(ServiceMetrics registry) {
        this.registry = registry;
    }

    void count(String namespace, boolean explained) {
        String name = namespace == null ? "-" : namespace;
        Counts c = byNamespace.get(name);
        if (c == null) {
            name = byNamespace.size() >= MAX_NAMESPACES ? OTHER : name;
            c = byNamespace.computeIfAbsent(name, this::register);
        }
        c.errors.increment();
        if (explained) {
            c.explained.increment();
        }
    }

    /** The three series of one namespace: error lines, explained ones, and their ratio. */
    private Counts register(String namespace) {
        Counts c = new Counts(new LongAdder(), new LongAdder());
        Tags tags = Tags.of("namespace", namespace);
        registry.counter("logdoctor_error_lines_total", "Error-looking lines, by namespace.", tags, c.errors, LongAdder::sum);
        registry.counter("logdoctor_error_lines_explained_total", "Error-looking lines a signature matched, by namespace.", tags,
                c.explained, LongAdder::sum);
        registry.gauge("logdoctor_explained_error_ratio", "Explained error-looking lines / all error-looking lines, by namespace.",
                tags, () -> {
                    long errors = c.errors.sum();
                    return errors == 0 ? 0.0 : (double) c.explained.sum() / errors;
                });
        return c;
    }
}
