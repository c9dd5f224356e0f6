package io.logdoctor.streams;

import io.logdoctor.records.Diagnosis;

import java.util.List;

/**
 * What the app remembers of one signature in one scope between records (kept in a persistent store).
 *
 * @param recent         event times of the latest counted matches, oldest first, at most the fire count
 * @param afterSeenAt    event time of the latest match of the fire rule's {@code after} pattern
 * @param lastMatchWall  wall-clock millis of the latest match, for the quiet period that resolves
 */
record DiagnosisState(String signature, Diagnosis.Scope scope, boolean firing, List<Long> recent,
                      Long afterSeenAt, String firstSeen, String lastSeen, long count,
                      List<Diagnosis.Evidence> evidence, long lastMatchWall) {
}
