package io.logdoctor.streams;

import io.logdoctor.records.Diagnosis;

/**
 * One line that matched one signature, keyed on the repartition topic by diagnosis id.
 *
 * @param eventTime the line's own time in epoch millis, or null when its timestamp could not be read
 */
record MatchEvent(String signature, String pattern, Diagnosis.Scope scope, String ts, Long eventTime,
                  String line, String file, Long offset, String deliveryId) {
}
