package io.logdoctor.records;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * An incident as it travels on {@code incidents}: the diagnoses of one signature and one group key
 * (Alertmanager's group_by), keyed by {@link #id}, which is stable for that pair, so the compacted topic
 * holds "what is wrong now, grouped". Specified in {@code docs/incident.schema.json}.
 *
 * @param groupLabels the group key as label/value pairs (the {@code group_by} labels that have a value)
 * @param members     the diagnoses grouped here, firing and resolved, at most {@link #MAX_MEMBERS}
 * @param memberCount how many members there are in all (more than {@code members.size()} once cut)
 * @param firing      how many members fire now
 * @param evidence    a few evidence lines of a few members
 * @param silencedBy  the ids of the silences that hold members back
 * @param explainedBy the signatures of the node- or account-level diagnoses that inhibit members
 * @param held        true when every firing member is silenced or inhibited: the notifier sends nothing
 * @param notified    true once this incident has gone out unheld: a later hold does not make it new again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Incident(
        int schemaVersion,
        String id,
        String signature,
        String title,
        String severity,
        String status,
        Map<String, String> groupLabels,
        String firstSeen,
        String lastSeen,
        long count,
        int memberCount,
        int firing,
        List<Member> members,
        List<Diagnosis.Evidence> evidence,
        String cause,
        List<String> remediation,
        List<String> references,
        List<String> silencedBy,
        List<String> explainedBy,
        boolean held,
        boolean notified,
        String updatedAt) {

    public static final int SCHEMA_VERSION = 1;
    /** Members listed on one record; the rest are counted in {@code memberCount}. */
    public static final int MAX_MEMBERS = 100;

    /**
     * One diagnosis of the incident.
     *
     * @param workload    the owner workload derived from the pod name (Deployment, DaemonSet, StatefulSet, Job), if any
     * @param explainedBy the firing diagnoses that inhibit this one, as {@code signature on subject}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Member(String diagnosis, String status, Diagnosis.Scope scope, String workload, String firstSeen,
                         String lastSeen, long count, String refinedBy, List<String> silencedBy, List<String> explainedBy) {
    }
}
