package io.logdoctor.records;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The labels of a diagnosis, as group_by, inhibition and silence matchers name them: where it is
 * (cluster, namespace, workload, node, pod, container, function, logGroup) and what it is
 * (signature, severity).
 */
public final class Labels {

    /** The labels of where a diagnosis is. */
    public static final Set<String> SCOPE = Set.of("cluster", "namespace", "workload", "node", "pod", "container",
            "function", "logGroup");

    /** Every label a silence can match. */
    public static final Set<String> ALL = Set.of("signature", "severity", "cluster", "namespace", "workload", "node", "pod",
            "container", "function", "logGroup");

    private Labels() {
    }

    /** The labels of a diagnosis that have a value; {@code workload} is the pod's owner (null when unknown). */
    public static Map<String, String> of(String signature, String severity, Diagnosis.Scope s, String workload) {
        Map<String, String> labels = new LinkedHashMap<>();
        put(labels, "signature", signature);
        put(labels, "severity", severity);
        if (s != null) {
            put(labels, "cluster", s.cluster());
            put(labels, "namespace", s.namespace());
            put(labels, "workload", workload);
            put(labels, "node", s.node());
            put(labels, "pod", s.pod());
            put(labels, "container", s.container());
            put(labels, "function", s.function());
            put(labels, "logGroup", s.logGroup());
        }
        return labels;
    }

    private static void put(Map<String, String> labels, String name, String value) {
        if (value != null) {
            labels.put(name, value);
        }
    }
}
