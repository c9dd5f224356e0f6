package io.logdoctor.records;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A diagnosis as it travels on {@code diagnoses}: keyed by {@link #id}, which is stable for one
 * signature in one scope, so the topic compacts into "what is wrong right now".
 * The shape is documented in {@code docs/diagnosis.schema.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Diagnosis(
        int schemaVersion,
        String id,
        String signature,
        String title,
        String severity,
        String status,
        Scope scope,
        String firstSeen,
        String lastSeen,
        long count,
        List<Evidence> evidence,
        String cause,
        List<String> remediation,
        List<String> references,
        String refinedBy) {

    /** 2 since the scope names its source kind and attributes; readers accept version 1 records, which lack them. */
    public static final int SCHEMA_VERSION = 2;
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";
    /** The severities a diagnosis carries, most urgent first (patterns' {@code Severity}; a test keeps them equal). */
    public static final List<String> SEVERITIES = List.of("critical", "error", "warning", "info");

    /**
     * Where the failure is: a pod (cluster/namespace/pod, with node and container), a node (a journal line about
     * no pod), or a Lambda function; {@code source} is the kind of source that said so ({@code LogRecord.SOURCES})
     * and {@code attributes} what that source adds about the object (the journal's unit, the event's involved
     * object kind and owner, the control-plane component).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scope(String cluster, String namespace, String pod, String node, String container,
                        String function, String logGroup, String source, Map<String, String> attributes) {

        /** Attributes sorted by name, none as null. */
        public Scope {
            attributes = attributes == null || attributes.isEmpty() ? null : Collections.unmodifiableMap(new TreeMap<>(attributes));
        }

        /** A scope without source kind or attributes (schema version 1). */
        public Scope(String cluster, String namespace, String pod, String node, String container, String function,
                     String logGroup) {
            this(cluster, namespace, pod, node, container, function, logGroup, null, null);
        }

        /** The part of the scope that identifies it: the pod, the node when no pod is named, or the function. */
        public String key() {
            if (function != null || logGroup != null) {
                return "lambda/" + (function != null ? function : logGroup);
            }
            if (pod == null && node != null) {
                return cluster + "/node/" + node;
            }
            return cluster + "/" + namespace + "/" + pod;
        }
    }

    /** A sample line that made the diagnosis, with where it was read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evidence(String ts, String line, String file, Long offset, String deliveryId) {
    }
}
