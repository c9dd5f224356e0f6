package io.logdoctor.streams;

import io.logdoctor.patterns.FireStep;
import io.logdoctor.records.Diagnosis;

import java.time.Instant;

/**
 * One line that matched one signature, keyed on the repartition topic by diagnosis id.
 *
 * @param ts         the line's own time as written, or null when absent or not a usable time
 * @param eventTime  the line's own time in epoch millis, or null when it could not be read (the record's
 *                   Kafka timestamp stands in, see {@link #at})
 * @param line       a bounded, redacted excerpt of the line ({@link Excerpt}), never the whole line
 * @param tsRejected the line's {@code ts} when it was there but unreadable or out of range (cut short), else null
 */
record MatchEvent(String signature, String pattern, Diagnosis.Scope scope, String ts, Long eventTime,
                  String line, String file, Long offset, String deliveryId, String tsRejected) {

    /** This event with {@code millis} (the record's receive time) standing in for a missing or rejected time. */
    MatchEvent at(long millis) {
        if (eventTime != null) {
            return this;
        }
        return new MatchEvent(signature, pattern, scope, ts != null ? ts : Instant.ofEpochMilli(millis).toString(), millis,
                line, file, offset, deliveryId, tsRejected);
    }

    /** This event as the fire rules see it; call on an event that has its time ({@link #at}). */
    FireStep.Hit hit() {
        // LineMatcher cut the line already; cutting again keeps events of older versions bounded.
        return new FireStep.Hit(signature, pattern, scope, eventTime,
                new Diagnosis.Evidence(ts, Excerpt.of(line), file, offset, deliveryId));
    }
}
