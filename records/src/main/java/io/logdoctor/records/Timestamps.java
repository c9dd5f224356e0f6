package io.logdoctor.records;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * The range a record's {@code ts} must be in, checked wherever a time enters the pipeline (the Lambda
 * receiver, the CloudWatch source, the streams app's decoder). A time outside it is replaced by the
 * receive time and the record flagged ({@link LogRecord#tsInvalid()}), because downstream arithmetic on
 * it overflows: {@code +999999999-12-31T23:59:59.999999999+18:00} made Kafka Streams throw
 * {@code ArithmeticException: long overflow} on every retry of the record (issue 10).
 *
 * <p>In range: from the Unix epoch (no negative epochs) to the end of year 9999 (four-digit years, as
 * RFC 3339 writes them), both inclusive.
 */
public final class Timestamps {

    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** RFC 3339 with any offset; RFC 3339 allows a lower-case {@code t} and {@code z}. */
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().append(DateTimeFormatter.ISO_OFFSET_DATE_TIME).toFormatter();

    private Timestamps() {
    }

    /** A {@code ts} after the check: the text to keep and whether it replaced an invalid one. */
    public record Checked(String ts, boolean replaced) {
    }

    /** The epoch millis of {@code ts}, or null when it is absent, unreadable or out of the range. */
    public static Long millis(String ts) {
        Instant t = parse(ts);
        return t == null ? null : t.toEpochMilli();
    }

    /** True when {@code t} is in the range. */
    public static boolean inRange(Instant t) {
        return t != null && !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
    }

    /** The instant of RFC 3339 text, or null when it does not parse or is out of the range. */
    public static Instant parse(String text) {
        if (text == null || text.length() > 64) {
            return null;
        }
        try {
            Instant t = OffsetDateTime.parse(text, RFC_3339).toInstant();
            return inRange(t) ? t : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * {@code ts} kept as it was when it is valid RFC 3339 in the range (or null: no time given), else
     * replaced by {@code receivedAt}.
     */
    public static Checked check(String ts, Instant receivedAt) {
        if (ts == null || parse(ts) != null) {
            return new Checked(ts, false);
        }
        return new Checked(receivedAt.toString(), true);
    }
}
