package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;
import io.logdoctor.records.Redactor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a destination is told about something that fires and resolves: a diagnosis today, an incident
 * later. Destinations read this view, never the record class itself, so a new kind of record only
 * needs a new factory here. Evidence is redacted once, here: the topic may hold records written
 * before a rule existed, or by another writer.
 *
 * @param id         the stable identity (dedup key, alias, fingerprint)
 * @param subject    what is affected, as a human reads it ({@code demo/kube-system/aws-node-x (container aws-node)})
 * @param source     the affected system's key ({@code demo/kube-system/aws-node-x}, {@code lambda/fn})
 * @param labels     the scope as name/value pairs (cluster, namespace, pod, node, container, function, logGroup), present ones only
 * @param record     the record as it is on the topic (evidence redacted), for destinations that forward it whole (the webhook)
 */
record Alert(String id, String signature, String refinedBy, String title, String severity, String status,
             String subject, String source, Map<String, String> labels, String firstSeen, String lastSeen, long count,
             String cause, List<String> remediation, List<Line> evidence, List<String> references, JsonNode record) {

    /** One evidence line: its time (may be null) and its text, redacted. */
    record Line(String ts, String text) {
    }

    Alert {
        labels = Map.copyOf(labels);
        remediation = remediation == null ? List.of() : List.copyOf(remediation);
        evidence = List.copyOf(evidence);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** The view of a diagnosis. */
    static Alert of(Diagnosis d) {
        Diagnosis.Scope s = d.scope();
        Map<String, String> labels = new LinkedHashMap<>();
        if (s != null) {
            put(labels, "cluster", s.cluster());
            put(labels, "namespace", s.namespace());
            put(labels, "pod", s.pod());
            put(labels, "node", s.node());
            put(labels, "container", s.container());
            put(labels, "function", s.function());
            put(labels, "logGroup", s.logGroup());
        }
        List<Line> evidence = new ArrayList<>();
        List<Diagnosis.Evidence> redacted = new ArrayList<>();
        if (d.evidence() != null) {
            for (Diagnosis.Evidence e : d.evidence()) {
                String line = e.line() == null ? null : Redactor.redact(e.line());
                evidence.add(new Line(e.ts(), line == null ? "" : line));
                redacted.add(new Diagnosis.Evidence(e.ts(), line, e.file(), e.offset(), e.deliveryId()));
            }
        }
        Diagnosis forwarded = new Diagnosis(d.schemaVersion(), d.id(), d.signature(), d.title(), d.severity(), d.status(), s,
                d.firstSeen(), d.lastSeen(), d.count(), d.evidence() == null ? null : redacted, d.cause(), d.remediation(),
                d.references(), d.refinedBy());
        return new Alert(d.id(), d.signature(), d.refinedBy(), d.title(), d.severity(), d.status(),
                Scopes.describe(s), Scopes.source(s), labels, d.firstSeen(), d.lastSeen(), d.count(),
                d.cause(), d.remediation(), evidence, d.references(), Json.MAPPER.valueToTree(forwarded));
    }

    boolean resolved() {
        return Diagnosis.RESOLVED.equals(status);
    }

    /** The container, else the function: PagerDuty's {@code component}. */
    String component() {
        return labels.containsKey("container") ? labels.get("container") : labels.get("function");
    }

    /** {@code cluster/namespace}, else the log group: PagerDuty's {@code group}. */
    String group() {
        return labels.containsKey("namespace") ? labels.get("cluster") + "/" + labels.get("namespace") : labels.get("logGroup");
    }

    /** What is affected, why, and the steps that fix it, as plain text. */
    String description() {
        StringBuilder out = new StringBuilder(subject);
        if (cause != null) {
            out.append("\n\n").append(cause);
        }
        for (int i = 0; i < remediation.size(); i++) {
            out.append(i == 0 ? "\n\nRemediation:" : "").append('\n').append(i + 1).append(". ").append(remediation.get(i));
        }
        return out.toString();
    }

    /** The references that are web links. */
    List<String> links() {
        return references.stream().filter(r -> r.startsWith("https://") || r.startsWith("http://")).toList();
    }

    private static void put(Map<String, String> labels, String name, String value) {
        if (value != null) {
            labels.put(name, value);
        }
    }
}
