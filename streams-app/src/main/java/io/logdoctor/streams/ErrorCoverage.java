package io.logdoctor.streams;

import java.util.Map;
import java.util.TreeMap;
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

    void count(String namespace, boolean explained) {
        String name = namespace == null ? "-" : namespace;
        Counts c = byNamespace.get(name);
        if (c == null) {
            name = byNamespace.size() >= MAX_NAMESPACES ? OTHER : name;
            c = byNamespace.computeIfAbsent(name, k -> new Counts(new LongAdder(), new LongAdder()));
        }
        c.errors.increment();
        if (explained) {
            c.explained.increment();
        }
    }

    /** The three series in Prometheus text: error lines, explained ones, and their ratio, by namespace. */
    void render(StringBuilder out) {
        Map<String, Counts> sorted = new TreeMap<>(byNamespace);
        out.append("# HELP logdoctor_error_lines_total Error-looking lines, by namespace.\n")
                .append("# TYPE logdoctor_error_lines_total counter\n");
        sorted.forEach((ns, c) -> out.append("logdoctor_error_lines_total{namespace=\"").append(escape(ns)).append("\"} ")
                .append(c.errors.sum()).append('\n'));
        out.append("# HELP logdoctor_error_lines_explained_total Error-looking lines a signature matched, by namespace.\n")
                .append("# TYPE logdoctor_error_lines_explained_total counter\n");
        sorted.forEach((ns, c) -> out.append("logdoctor_error_lines_explained_total{namespace=\"").append(escape(ns))
                .append("\"} ").append(c.explained.sum()).append('\n'));
        out.append("# HELP logdoctor_explained_error_ratio Explained error-looking lines / all error-looking lines, by namespace.\n")
                .append("# TYPE logdoctor_explained_error_ratio gauge\n");
        sorted.forEach((ns, c) -> {
            long errors = c.errors.sum();
            out.append("logdoctor_explained_error_ratio{namespace=\"").append(escape(ns)).append("\"} ")
                    .append(errors == 0 ? 0.0 : (double) c.explained.sum() / errors).append('\n');
        });
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
