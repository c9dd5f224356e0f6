package io.logdoctor.streams;

import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Incident;
import io.logdoctor.records.Timestamps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The incident rules, free of Kafka, as Alertmanager's route timing: a new incident goes out once after
 * group_wait, then at most once per group_interval when members join or leave, again per
 * repeat_interval while it fires, at once when what holds it back changes (a silence made or
 * expired, an inhibitor firing or resolved), and resolved when its last member resolves.
 */
final class IncidentLifecycle {

    /** Evidence lines on an incident record, taken from its firing members first. */
    static final int EVIDENCE_LINES = 5;
    /** Evidence lines kept per member. */
    static final int MEMBER_EVIDENCE = 2;

    /** What holds a member back: the silences that match it and the diagnoses that explain it. */
    record Hold(List<String> silencedBy, List<String> explainedBy) {
        static final Hold NONE = new Hold(List.of(), List.of());

        boolean holds() {
            return !silencedBy.isEmpty() || !explainedBy.isEmpty();
        }
    }

    /** Finds what holds a member back now. */
    interface Holds {
        Hold of(IncidentState incident, IncidentState.Member member);
    }

    /** The state to keep (null: forget the incident) and the record to emit (null: none). */
    record Step(IncidentState state, Incident emit) {
    }

    private IncidentLifecycle() {
    }

    /** Applies one diagnosis record to the incident it belongs to (null when none yet). */
    static IncidentState onDiagnosis(IncidentState prior, Diagnosis d, String id, Map<String, String> groupLabels, long wallNow) {
        if (prior == null && !Diagnosis.FIRING.equals(d.status())) {
            return null; // the resolve of a diagnosis no incident holds: nothing to group
        }
        Map<String, IncidentState.Member> members = new LinkedHashMap<>(prior == null ? Map.of() : prior.members());
        IncidentState.Member before = members.get(d.id());
        List<Diagnosis.Evidence> evidence = d.evidence() == null ? List.of()
                : d.evidence().subList(Math.max(0, d.evidence().size() - MEMBER_EVIDENCE), d.evidence().size());
        IncidentState.Member now = new IncidentState.Member(d.id(), d.status(), d.scope(),
                d.scope() == null ? null : Owners.workload(d.scope().pod(), d.scope().node()),
                before == null ? d.firstSeen() : before.firstSeen(), d.lastSeen(), d.count(), d.refinedBy(), List.copyOf(evidence));
        members.put(d.id(), now);
        boolean joinedOrLeft = before == null ? now.firing() : before.firing() != now.firing();
        if (prior == null) {
            return new IncidentState(id, d.signature(), groupLabels, members, d.title(), d.severity(), d.cause(), d.remediation(),
                    d.references(), wallNow, 0, false, true, false, List.of());
        }
        return new IncidentState(prior.id(), prior.signature(), prior.groupLabels(), members, d.title(), d.severity(), d.cause(),
                d.remediation(), d.references(), prior.createdWall(), prior.lastEmitWall(), prior.notified(),
                prior.dirty() || joinedOrLeft, prior.held(), prior.holds());
    }

    /** Decides, at wall-clock {@code wallNow}, whether the incident goes out now. */
    static Step onTick(IncidentState s, long wallNow, IncidentTiming timing, Holds holds) {
        Map<String, Hold> held = new LinkedHashMap<>();
        for (IncidentState.Member m : s.members().values()) {
            if (m.firing()) {
                held.put(m.diagnosis(), holds.of(s, m));
            }
        }
        if (held.isEmpty()) {
            // The last member resolved: a resolve goes out if the incident ever went out; else it is forgotten.
            return new Step(null, s.emitted() ? render(s, Diagnosis.RESOLVED, Map.of(), s.held(), s.notified(), wallNow) : null);
        }
        boolean allHeld = held.values().stream().allMatch(Hold::holds);
        List<String> holdNames = holdNames(held);
        boolean send;
        if (!s.emitted()) {
            send = wallNow - s.createdWall() >= timing.groupWait().toMillis();
        } else {
            long since = wallNow - s.lastEmitWall();
            send = allHeld != s.held() || !holdNames.equals(s.holds())
                    || (s.dirty() && since >= timing.groupInterval().toMillis())
                    || since >= timing.repeatInterval().toMillis();
        }
        if (!send) {
            return new Step(s, null);
        }
        boolean notified = s.notified() || !allHeld;
        IncidentState next = new IncidentState(s.id(), s.signature(), s.groupLabels(), s.members(), s.title(), s.severity(),
                s.cause(), s.remediation(), s.references(), s.createdWall(), wallNow, notified, false, allHeld, holdNames);
        return new Step(next, render(next, Diagnosis.FIRING, held, allHeld, notified, wallNow));
    }

    /** The record of an incident in its state now; {@code held} maps firing members to what holds them. */
    static Incident render(IncidentState s, String status, Map<String, Hold> held, boolean allHeld, boolean notified, long wallNow) {
        List<Incident.Member> members = new ArrayList<>();
        TreeSet<String> silencedBy = new TreeSet<>();
        TreeSet<String> explainedBy = new TreeSet<>();
        List<Diagnosis.Evidence> evidence = new ArrayList<>();
        String firstSeen = null;
        String lastSeen = null;
        long count = 0;
        int firing = 0;
        for (IncidentState.Member m : firingFirst(s)) {
            Hold h = held.getOrDefault(m.diagnosis(), Hold.NONE);
            silencedBy.addAll(h.silencedBy());
            h.explainedBy().forEach(e -> explainedBy.add(e.substring(0, e.indexOf(' ') < 0 ? e.length() : e.indexOf(' '))));
            if (members.size() < Incident.MAX_MEMBERS) {
                members.add(new Incident.Member(m.diagnosis(), m.status(), m.scope(), m.workload(), m.firstSeen(), m.lastSeen(),
                        m.count(), m.refinedBy(), h.silencedBy().isEmpty() ? null : h.silencedBy(),
                        h.explainedBy().isEmpty() ? null : h.explainedBy()));
            }
            for (Diagnosis.Evidence e : m.evidence()) {
                if (evidence.size() < EVIDENCE_LINES) {
                    evidence.add(e);
                }
            }
            firstSeen = earliest(firstSeen, m.firstSeen());
            lastSeen = latest(lastSeen, m.lastSeen());
            count += m.count();
            firing += m.firing() ? 1 : 0;
        }
        return new Incident(Incident.SCHEMA_VERSION, s.id(), s.signature(), s.title(), s.severity(), status, s.groupLabels(),
                firstSeen, lastSeen, count, s.members().size(), firing, members, evidence, s.cause(), s.remediation(), s.references(),
                List.copyOf(silencedBy), List.copyOf(explainedBy), allHeld, notified, Instant.ofEpochMilli(wallNow).toString());
    }

    private static List<String> holdNames(Map<String, Hold> held) {
        TreeSet<String> names = new TreeSet<>();
        held.values().forEach(h -> {
            names.addAll(h.silencedBy());
            names.addAll(h.explainedBy());
        });
        return List.copyOf(names);
    }

    private static List<IncidentState.Member> firingFirst(IncidentState s) {
        List<IncidentState.Member> ordered = new ArrayList<>();
        s.members().values().stream().filter(IncidentState.Member::firing).forEach(ordered::add);
        s.members().values().stream().filter(m -> !m.firing()).forEach(ordered::add);
        return ordered;
    }

    // Compared as instants: RFC 3339 texts of different precision do not sort as text. No time: does not count.
    private static String earliest(String a, String b) {
        return a == null ? b : b == null || millis(a) <= millis(b) ? a : b;
    }

    private static String latest(String a, String b) {
        return a == null ? b : b == null || millis(a) >= millis(b) ? a : b;
    }

    private static long millis(String ts) {
        Long millis = Timestamps.millis(ts);
        return millis == null ? 0 : millis;
    }
}
