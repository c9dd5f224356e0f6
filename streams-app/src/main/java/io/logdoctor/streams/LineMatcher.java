package io.logdoctor.streams;

import io.logdoctor.patterns.LineContext;
import io.logdoctor.patterns.Match;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Timestamps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.LoggerFactory;

/**
 * Turns one log record into its matches, each keyed by its scope (the pod, or the Lambda function), so
 * one task owns every signature of a scope and a specific signature can refine a generic one.
 */
final class LineMatcher {

    private static final RateLimitedLog TS_LOG = new RateLimitedLog(LoggerFactory.getLogger(LineMatcher.class), 60_000);

    private final Supplier<SignatureCatalog> catalog;
    private final AppMetrics metrics;

    LineMatcher(Supplier<SignatureCatalog> catalog, AppMetrics metrics) {
        this.catalog = catalog;
        this.metrics = metrics;
    }

    /**
     * The matches of one record of logs.raw.
     *
     * @throws RejectedRecordException for a record that is no log line (a tombstone, JSON {@code null}, no
     *                                 {@code line}): the app's handler sends it to logs.dlq with this reason
     */
    List<KeyValue<String, MatchEvent>> matches(LogRecord record) {
        if (record == RawPrefilter.SKIPPED) {
            metrics.recordsIn.increment();
            metrics.recordsSkipped.increment();
            return List.of(); // holds no literal of the catalogue: it cannot match
        }
        if (record == null) {
            throw new RejectedRecordException("no log record: the value is empty (a tombstone) or JSON null");
        }
        if (record.line() == null) {
            throw new RejectedRecordException("no log record: the JSON has no \"line\" field (or it is null)");
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
        Long eventTime = Timestamps.millis(record.ts());
        String ts = eventTime != null ? record.ts() : null;
        String rejected = eventTime == null && record.ts() != null ? Excerpt.cut(record.ts(), 64) : null;
        if (rejected != null) {
            metrics.timestampReplaced();
            TS_LOG.warn("ts '{}' of a line of {} is unreadable or outside 1970-9999; the time Kafka received it stands in",
                    rejected, scope.key());
        }
        String excerpt = Excerpt.of(record.line()); // once per line, however many signatures it matched
        String file = Excerpt.cut(record.file(), Excerpt.MAX_NAME_CHARS);
        String deliveryId = Excerpt.cut(record.deliveryId(), Excerpt.MAX_NAME_CHARS);
        List<KeyValue<String, MatchEvent>> events = new ArrayList<>(matches.size());
        for (Match m : matches) {
            metrics.matched(m.signature().id());
            Diagnosis.Scope about = m.about() == null ? scope : aboutScope(record, scope, m.about());
            events.add(KeyValue.pair(about.key(), new MatchEvent(m.signature().id(), m.pattern(), about, ts, eventTime,
                    excerpt, file, record.offset(), deliveryId, rejected)));
        }
        return events;
    }

    /** Journal unit, the event's involved object (kind, name) and its owner workload, the control-plane component. */
    private static final List<String> SCOPE_ATTRIBUTES = List.of("unit", "kind", "name", "owner", "component");

    /** The scope of a record, each name cut short: the scope keys the repartition topic and the diagnosis id. */
    static Diagnosis.Scope scopeOf(LogRecord r) {
        if (LogRecord.SOURCE_LAMBDA.equals(r.source())) {
            return new Diagnosis.Scope(null, null, null, null, null, name(r.function()), name(r.logGroup()), r.source(), null);
        }
        return new Diagnosis.Scope(name(r.cluster()), name(r.namespace()), name(r.pod()), name(r.node()), name(r.container()),
                null, null, r.source(), scopeAttributes(r));
    }

    /**
     * The scope of the object a line is about (the signature's {@code about:} read from the line): the Pending pod a
     * scheduler line names, not the scheduler. The cluster and the source kind stay the record's; the printer is kept
     * as the {@code reporter} attribute, and a pod's owner workload is read from its name ({@link Owners}).
     */
    static Diagnosis.Scope aboutScope(LogRecord r, Diagnosis.Scope printer, Map<String, String> about) {
        if (LogRecord.SOURCE_LAMBDA.equals(r.source())) {
            return printer;
        }
        String pod = name(about.get("pod"));
        String node = name(about.get("node"));
        if (pod != null && pod.equals(printer.pod()) && name(about.get("namespace")).equals(printer.namespace())) {
            return printer; // a kubelet journal line the shipper already scoped to its pod: keep its node and container
        }
        Map<String, String> attributes = new HashMap<>();
        attributes.put("reporter", printer.key());
        putIfPresent(attributes, "kind", name(about.get("kind")));
        putIfPresent(attributes, "name", name(about.get("name")));
        String owner = pod == null ? null : Owners.workload(pod, node);
        putIfPresent(attributes, "owner", pod != null && !pod.equals(owner) ? owner : null);
        return new Diagnosis.Scope(printer.cluster(), pod == null ? null : name(about.get("namespace")), pod, node, name(about.get("container")),
                null, null, r.source(), attributes);
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** The record's attributes that describe the affected object (not the line: no priority, no reason). */
    private static Map<String, String> scopeAttributes(LogRecord r) {
        if (r.attributes() == null) {
            return null;
        }
        Map<String, String> kept = new HashMap<>();
        for (String key : SCOPE_ATTRIBUTES) {
            String value = r.attributes().get(key);
            if (value != null) {
                kept.put(key, name(value));
            }
        }
        return kept;
    }

    private static String name(String value) {
        return Excerpt.cut(value, Excerpt.MAX_NAME_CHARS);
    }
}
