package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Incident;
import io.logdoctor.records.Topics;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.List;
import java.util.Map;

/**
 * Reads an incident record as the diagnosis-shaped record the loop, the routes and the destinations
 * already know, so paging per incident changes no destination: the id is the incident id (PagerDuty's
 * dedup_key, Opsgenie's alias, Alertmanager's label), the scope is the group key (the workload stands
 * where a pod would; it never changes for one incident, so Alertmanager sees one alert), and the title
 * says how many members fire. A held incident (every firing member silenced or inhibited) that never went
 * out reads as status {@value #HELD}: nothing is sent and nothing is remembered, so when the hold ends the
 * next record is a new firing. One that went out before stays "firing": a hold never re-pages it.
 */
final class IncidentView {

    /** The status of an incident held back before it was ever sent. */
    static final String HELD = "held";

    private IncidentView() {
    }

    /** The deserializer of the incidents topic, giving the view. */
    static Deserializer<Diagnosis> deserializer() {
        Deserializer<Incident> incidents = Topics.INCIDENTS.valueSerde().deserializer();
        return (topic, bytes) -> {
            Incident i = incidents.deserialize(topic, bytes);
            return i == null ? null : of(i);
        };
    }

    static Diagnosis of(Incident i) {
        Map<String, String> g = i.groupLabels() == null ? Map.of() : i.groupLabels();
        Diagnosis.Scope scope = g.containsKey("function") || g.containsKey("logGroup")
                ? new Diagnosis.Scope(null, null, null, null, null, g.get("function"), g.get("logGroup"))
                : new Diagnosis.Scope(g.get("cluster"), g.getOrDefault("namespace", "*"),
                        g.getOrDefault("workload", g.getOrDefault("pod", "*")), g.get("node"), g.get("container"), null, null);
        String status = Diagnosis.FIRING.equals(i.status()) && i.held() && !i.notified() ? HELD : i.status();
        return new Diagnosis(Diagnosis.SCHEMA_VERSION, i.id(), i.signature(), i.title() + members(i), i.severity(), status, scope,
                i.firstSeen(), i.lastSeen(), i.count(), i.evidence(), i.cause(), i.remediation(), i.references(), null);
    }

    /** " (40 of 41 firing: aws-node-2n7dp, aws-node-5xk2p, ...)" */
    private static String members(Incident i) {
        List<Incident.Member> members = i.members() == null ? List.of() : i.members();
        StringBuilder names = new StringBuilder();
        int shown = 0;
        for (Incident.Member m : members) {
            if (Diagnosis.FIRING.equals(m.status()) && m.scope() != null && shown < 3) {
                String name = m.scope().pod() != null ? m.scope().pod() : m.scope().function() != null ? m.scope().function() : m.scope().node();
                names.append(shown++ == 0 ? ": " : ", ").append(name);
            }
        }
        if (i.firing() > shown && shown > 0) {
            names.append(", ...");
        }
        String counts = Diagnosis.RESOLVED.equals(i.status()) ? i.memberCount() + " resolved"
                : i.firing() + (i.firing() == i.memberCount() ? "" : " of " + i.memberCount()) + " firing";
        String explained = i.explainedBy() == null || i.explainedBy().isEmpty() ? "" : "; explained in part by " + String.join(", ", i.explainedBy());
        return " (" + counts + (Diagnosis.RESOLVED.equals(i.status()) ? "" : names) + explained + ")";
    }
}
