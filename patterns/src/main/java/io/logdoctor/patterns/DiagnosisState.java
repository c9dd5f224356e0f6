package io.logdoctor.patterns;

import io.logdoctor.records.Diagnosis;

import java.util.List;

/**
 * What the fire rules remember of one signature in one scope between matches: the value of the streams
 * app's persistent store (JSON), and of the offline engine's map. {@link FireStep} is the only writer.
 *
 * @param version        the shape's version ({@value #VERSION}); a state written before states carried one
 *                       reads as 0 and is the same shape, so it is taken as version 1. A newer version than
 *                       this code knows is refused, so a downgraded app stops instead of misreading it.
 * @param recent         event times of the latest counted matches, oldest first, at most the fire count
 * @param afterSeenAt    event time of the latest match of the fire rule's {@code after} pattern
 * @param lastEventTime  event time of the latest match of any pattern
 * @param lastMatchWall  wall-clock millis of the latest match, for the quiet period that resolves
 * @param refinedBy      the more specific signature seen in the same scope, or null
 * @param lastEmitWall   wall-clock millis of the latest firing record emitted, for the repeat interval
 */
public record DiagnosisState(int version, String signature, Diagnosis.Scope scope, boolean firing, List<Long> recent,
                             Long afterSeenAt, String firstSeen, String lastSeen, long count,
                             List<Diagnosis.Evidence> evidence, long lastEventTime, long lastMatchWall, String refinedBy,
                             long lastEmitWall) {

    /** The version this code writes. */
    public static final int VERSION = 1;

    /** Upgrades a state without a version (the same shape) and refuses one from a newer app. */
    public DiagnosisState {
        if (version > VERSION) {
            throw new IllegalArgumentException("diagnosis state of " + signature + " has version " + version
                    + "; this streams app reads up to version " + VERSION
                    + ": run the newer version, or reset the app's state (kafka-streams-application-reset) to start over");
        }
        version = VERSION;
    }

    /** The state of a signature's first match in a scope. */
    static DiagnosisState first(String signature, Diagnosis.Scope scope, String ts, long eventTime, long wallNow) {
        return new DiagnosisState(VERSION, signature, scope, false, List.of(), null, ts, ts, 0, List.of(), eventTime,
                wallNow, null, 0);
    }

    DiagnosisState withFiring(boolean firing) {
        return new DiagnosisState(version, signature, scope, firing, recent, afterSeenAt, firstSeen, lastSeen, count,
                evidence, lastEventTime, lastMatchWall, refinedBy, lastEmitWall);
    }

    DiagnosisState withRefinedBy(String refinedBy) {
        return new DiagnosisState(version, signature, scope, firing, recent, afterSeenAt, firstSeen, lastSeen, count,
                evidence, lastEventTime, lastMatchWall, refinedBy, lastEmitWall);
    }

    DiagnosisState emittedAt(long wall) {
        return new DiagnosisState(version, signature, scope, firing, recent, afterSeenAt, firstSeen, lastSeen, count,
                evidence, lastEventTime, lastMatchWall, refinedBy, wall);
    }
}
