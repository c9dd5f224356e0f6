package io.logdoctor.streams;

import io.logdoctor.records.Diagnosis;

import java.util.List;
import java.util.Map;

/**
 * What the app remembers of one incident between records (a persistent store keyed by incident id).
 *
 * @param members      by diagnosis id, in the order they joined
 * @param createdWall  wall-clock millis of the first member, for group_wait
 * @param lastEmitWall wall-clock millis of the latest record emitted (0: none yet), for group_interval and repeat_interval
 * @param dirty        a member joined or left since the latest record
 * @param held         the latest record said held (every firing member silenced or inhibited)
 * @param holds        the silences and inhibitors named on the latest record, to notice when they change
 */
record IncidentState(String id, String signature, Map<String, String> groupLabels, Map<String, Member> members,
                     String title, String severity, String cause, List<String> remediation, List<String> references,
                     long createdWall, long lastEmitWall, boolean notified, boolean dirty, boolean held, List<String> holds) {

    /** One diagnosis of the incident as last seen. */
    record Member(String diagnosis, String status, Diagnosis.Scope scope, String workload, String firstSeen, String lastSeen,
                  long count, String refinedBy, List<Diagnosis.Evidence> evidence) {

        boolean firing() {
            return Diagnosis.FIRING.equals(status);
        }
    }

    boolean emitted() {
        return lastEmitWall > 0;
    }
}
