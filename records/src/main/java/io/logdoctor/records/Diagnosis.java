package io.logdoctor.records;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

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

    public static final int SCHEMA_VERSION = 1;
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    /** Where the failure is: a pod (cluster/namespace/pod, with node and container), a node, or a Lambda function. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scope(String cluster, String namespace, String pod, String node, String container,
                        String function, String logGroup) {

        /** The part of the scope that identifies it: the pod, the node (a journal line about no pod), or the function. */
        public String key() {
            if (function != null || logGroup != null) {
                return "lambda/" + (function != null ? function : logGroup);
            }
            if (namespace == null && pod == null && node != null) {
                return cluster + "/node/" + node; // the kernel's OOM kill, PLEG: one diagnosis per node, not one for all
            }
            return cluster + "/" + namespace + "/" + pod;
        }
    }

    /** A sample line that made the diagnosis, with where it was read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evidence(String ts, String line, String file, Long offset, String deliveryId) {
    }
}
