package io.logdoctor.records;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A record's {@code ts}, range-checked: RFC 3339 allows only four-digit years, and java.time accepts
 * years up to ±999,999,999, whose epoch millis overflow a long ({@code ArithmeticException}). Anything
 * outside {@link #EARLIEST}..{@link #LATEST} is not a log line's time and must be replaced, never trusted.
 */
public final class EventTime {

    /** The earliest time a log line can carry: the Unix epoch. */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** The latest time a log line can carry: the end of RFC 3339's year 9999. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private EventTime() {
    }

    /** The epoch millis of {@code ts}, or null when it is absent, unreadable or out of range. */
    public static Long millis(String ts) {
        if (ts == null || ts.length() > 64) { // a longer value is no RFC 3339 time; do not parse it
            return null;
        }
        try {
            Instant t = OffsetDateTime.parse(ts).toInstant();
            return t.isBefore(EARLIEST) || t.isAfter(LATEST) ? null : t.toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) { // DateTimeParseException is a DateTimeException
            return null;
        }
    }
}
