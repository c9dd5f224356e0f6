package io.logdoctor.streams;

import io.logdoctor.patterns.LineContext;
import io.logdoctor.patterns.Match;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.LogRecord;
import org.apache.kafka.streams.KeyValue;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns one log record into its matches, each keyed by its scope (the pod, or the Lambda function), so
 * one task owns every signature of a scope and a specific signature can refine a generic one.
 */
final class LineMatcher {

    private final Supplier<SignatureCatalog> catalog;
    private final AppMetrics metrics;

    LineMatcher(Supplier<SignatureCatalog> catalog, AppMetrics metrics) {
        this.catalog = catalog;
        this.metrics = metrics;
    }

    List<KeyValue<String, MatchEvent>> matches(LogRecord record) {
        if (record == null || record.line() == null) {
            return List.of();
        }
        LineContext context = new LineContext(record.source(), record.namespace(), record.container(), record.logGroup());
        metrics.recordsIn.increment();
        long start = System.nanoTime();
        List<Match> matches = catalog.get().matcher().match(record.line(), context);
        metrics.matcherNanos.add(System.nanoTime() - start);
        if (matches.isEmpty()) {
            return List.of();
        }
        Diagnosis.Scope scope = scopeOf(record);
        Long eventTime = eventTime(record.ts());
        List<KeyValue<String, MatchEvent>> events = new ArrayList<>(matches.size());
        for (Match m : matches) {
            metrics.matched(m.signature().id());
            events.add(KeyValue.pair(scope.key(), new MatchEvent(m.signature().id(), m.pattern(), scope, record.ts(), eventTime,
                    record.line(), record.file(), record.offset(), record.deliveryId())));
        }
        return events;
    }

    static Diagnosis.Scope scopeOf(LogRecord r) {
        if (LogRecord.SOURCE_LAMBDA.equals(r.source())) {
            return new Diagnosis.Scope(null, null, null, null, null, r.function(), r.logGroup());
        }
        return new Diagnosis.Scope(r.cluster(), r.namespace(), r.pod(), r.node(), r.container(), null, null);
    }

    /** The line's own time (RFC 3339, any offset), or null when absent or unreadable. */
    static Long eventTime(String ts) {
        if (ts == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(ts).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
