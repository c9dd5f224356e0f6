package io.logdoctor.streams;

/** Counts records sent to logs.dlq, by reason; {@link AppMetrics} serves the counts. */
interface DeadLetterCounter {

    DeadLetterCounter NONE = reason -> { };

    void deadLettered(String reason);
}
