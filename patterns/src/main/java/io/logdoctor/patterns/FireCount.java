package io.logdoctor.patterns;

import io.logdoctor.records.Diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link FireRule} applied to one state: how a match changes what one signature remembers in one
 * scope, when that meets the rule, when quiet resolves it, and the diagnosis record a state makes.
 * {@link FireStep} adds what concerns several states (refinement) and the repeat interval.
 */
final class FireCount {

    static final int EVIDENCE_LINES = 5;

    private FireCount() {
    }

    /** The new state, and whether the fire rule has just been met. */
    record Counted(DiagnosisState state, boolean fired) {
    }

    /** Applies one match, seen at wall-clock {@code wallNow}, to the state (null when none yet). */
    static Counted onMatch(DiagnosisState prior, FireStep.Hit hit, Signature signature, long wallNow) {
        long eventTime = hit.eventTime();
        String ts = hit.evidence().ts();
        DiagnosisState s = prior != null ? prior : DiagnosisState.first(signature.id(), hit.scope(), ts, eventTime, wallNow);
        FireRule rule = signature.fire();
        long windowMs = rule.window().toMillis();
        Long afterSeenAt = s.afterSeenAt();
        List<Long> recent = s.recent();

        boolean isAfterPattern = rule.after().map(hit.pattern()::equals).orElse(false);
        if (isAfterPattern) {
            afterSeenAt = afterSeenAt == null ? eventTime : Math.max(afterSeenAt, eventTime);
        } else if (rule.after().isEmpty() || withinAfter(afterSeenAt, eventTime, windowMs)) {
            recent = appendRecent(recent, eventTime, rule.count());
        }

        boolean fires = !s.firing() && recent.size() >= rule.count()
                && recent.get(recent.size() - 1) - recent.get(0) <= windowMs;
        DiagnosisState next = new DiagnosisState(DiagnosisState.VERSION, s.signature(), s.scope(), s.firing() || fires,
                recent, afterSeenAt, s.firstSeen(), ts, s.count() + 1, appendEvidence(s.evidence(), hit.evidence()),
                Math.max(s.lastEventTime(), eventTime), wallNow, s.refinedBy(), s.lastEmitWall());
        return new Counted(next, fires);
    }

    /** True when the state has had no match for the signature's quiet period. */
    static boolean quiet(DiagnosisState state, Signature signature, long wallNow) {
        long quiet = Math.max(signature.resolveQuiet().toMillis(), state.firing() ? 0 : signature.fire().window().toMillis());
        return wallNow - state.lastMatchWall() >= quiet;
    }

    /**
     * The diagnosis record of a state. Refined, it keeps the generic signature's identity and title and
     * takes the specific cause and remediation of {@code refiner}.
     */
    static Diagnosis diagnosis(DiagnosisState s, Signature signature, Optional<Signature> refiner, String status) {
        List<String> references = refiner.map(r -> concat(signature.references(), r.references())).orElse(signature.references());
        return new Diagnosis(Diagnosis.SCHEMA_VERSION, DiagnosisIds.of(signature.id(), s.scope()), signature.id(),
                signature.title(), signature.severity().label(), status, s.scope(), s.firstSeen(), s.lastSeen(),
                s.count(), s.evidence(), refiner.map(Signature::cause).orElse(signature.cause()),
                refiner.map(Signature::remediation).orElse(signature.remediation()), references,
                refiner.map(Signature::id).orElse(null));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static boolean withinAfter(Long afterSeenAt, long eventTime, long windowMs) {
        return afterSeenAt != null && eventTime >= afterSeenAt && eventTime - afterSeenAt <= windowMs;
    }

    private static List<Long> appendRecent(List<Long> recent, long eventTime, int keep) {
        List<Long> next = new ArrayList<>(recent);
        next.add(eventTime);
        next.sort(null); // lines of one pod come from several containers, so arrival order may differ
        return List.copyOf(next.subList(Math.max(0, next.size() - keep), next.size()));
    }

    private static List<Diagnosis.Evidence> appendEvidence(List<Diagnosis.Evidence> evidence, Diagnosis.Evidence line) {
        List<Diagnosis.Evidence> next = new ArrayList<>(evidence);
        next.add(line);
        return List.copyOf(next.subList(Math.max(0, next.size() - EVIDENCE_LINES), next.size()));
    }
}
