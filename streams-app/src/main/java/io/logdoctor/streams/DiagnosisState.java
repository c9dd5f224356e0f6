package io.logdoctor.streams;

import io.logdoctor.records.Diagnosis;

import java.util.List;

/**
 * What the app remembers of one signature in one scope between records (kept in a persistent store).
 *
 * @param recent         event times of the latest counted matches, oldest first, at most the fire count
 * @param afterSeenAt    event time of the latest match of the fire rule's {@code after} pattern
 * @param lastEventTime  event time of the latest match of any pattern
 * @param lastMatchWall  wall-clock millis of the latest match, for the quiet period that resolves
 * @param refinedBy      the more specific signature seen in the same scope, or null
 * @param lastEmitWall   wall-clock millis of the latest firing record emitted, for the repeat interval
 */
record DiagnosisState(String signature, Diagnosis.Scope scope, boolean firing, List<Long> recent,
                      Long afterSeenAt, String firstSeen, String lastSeen, long count,
                      List<Diagnosis.Evidence> evidence, long lastEventTime, long lastMatchWall, String refinedBy,
                      long lastEmitWall) {

    DiagnosisState withFiring(boolean firing) {
        return new DiagnosisState(signature, scope, firing, recent, afterSeenAt, firstSeen, lastSeen, count, evidence,
                lastEventTime, lastMatchWall, refinedBy, lastEmitWall);
    }

    DiagnosisState withRefinedBy(String refinedBy) {
        return new DiagnosisState(signature, scope, firing, recent, afterSeenAt, firstSeen, lastSeen, count, evidence,
                lastEventTime, lastMatchWall, refinedBy, lastEmitWall);
    }

    DiagnosisState emittedAt(long wall) {
        return new DiagnosisState(signature, scope, firing, recent, afterSeenAt, firstSeen, lastSeen, count, evidence,
                lastEventTime, lastMatchWall, refinedBy, wall);
    }
}
