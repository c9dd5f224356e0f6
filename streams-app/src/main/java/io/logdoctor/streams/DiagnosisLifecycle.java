package io.logdoctor.streams;

import io.logdoctor.patterns.FireRule;
import io.logdoctor.patterns.Signature;
import io.logdoctor.records.Diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The diagnosis rules, free of Kafka: how a match changes the state of one signature in one scope,
 * when that becomes a firing diagnosis, and when quiet resolves it. The streams processor and the
 * offline tools call the same code.
 */
final class DiagnosisLifecycle {

    static final int EVIDENCE_LINES = 5;

    private DiagnosisLifecycle() {
    }

    /** The new state, and whether the fire rule has just been met. */
    record Step(DiagnosisState state, boolean fired) {
    }

    /** Applies one match, seen at wall-clock {@code wallNow}, to the state (null when none yet). */
    static Step onMatch(DiagnosisState prior, MatchEvent match, long eventTime, Signature signature, long wallNow) {
        DiagnosisState s = prior != null ? prior : new DiagnosisState(signature.id(), match.scope(), false,
                List.of(), null, match.ts(), match.ts(), 0, List.of(), eventTime, wallNow, null, 0);
        List<Diagnosis.Evidence> evidence = appendEvidence(s.evidence(), match);
        FireRule rule = signature.fire();
        long windowMs = rule.window().toMillis();
        Long afterSeenAt = s.afterSeenAt();
        List<Long> recent = s.recent();

        boolean isAfterPattern = rule.after().map(match.pattern()::equals).orElse(false);
        if (isAfterPattern) {
            afterSeenAt = afterSeenAt == null ? eventTime : Math.max(afterSeenAt, eventTime);
        } else if (rule.after().isEmpty() || withinAfter(afterSeenAt, eventTime, windowMs)) {
            recent = appendRecent(recent, eventTime, rule.count());
        }

        boolean fires = !s.firing() && recent.size() >= rule.count()
                && recent.get(recent.size() - 1) - recent.get(0) <= windowMs;
        DiagnosisState next = new DiagnosisState(s.signature(), s.scope(), s.firing() || fires, recent, afterSeenAt,
                s.firstSeen(), match.ts(), s.count() + 1, evidence, Math.max(s.lastEventTime(), eventTime), wallNow,
                s.refinedBy(), s.lastEmitWall());
        return new Step(next, fires);
    }

    /** True when the state has had no match for the signature's quiet period. */
    static boolean isQuiet(DiagnosisState state, Signature signature, long wallNow) {
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

    private static List<Diagnosis.Evidence> appendEvidence(List<Diagnosis.Evidence> evidence, MatchEvent match) {
        List<Diagnosis.Evidence> next = new ArrayList<>(evidence);
        // The match event carries an excerpt already (LineMatcher); cutting again keeps events of older versions bounded.
        String line = Excerpt.of(match.line());
        next.add(new Diagnosis.Evidence(match.ts(), line, match.file(), match.offset(), match.deliveryId()));
        return List.copyOf(next.subList(Math.max(0, next.size() - EVIDENCE_LINES), next.size()));
    }
}
