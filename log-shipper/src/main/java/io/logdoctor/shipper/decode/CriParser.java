package io.logdoctor.shipper.decode;

import io.logdoctor.records.Redactor;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses the lines of a CRI log file one at a time ({@link #parseLine}); {@link LineAssembler} joins the
 * {@code P} partial lines with the {@code F} line that ends them, per stream.
 */
public final class CriParser {

    private static final int EXCERPT_CHARS = 60;

    private CriParser() {
    }

    /** Parses one physical CRI line, or throws {@link MalformedLine} saying what is wrong with it. */
    static CriLine parseLine(String text) throws MalformedLine {
        int timestampEnd = text.indexOf(' ');
        if (timestampEnd < 0) {
            throw new MalformedLine("no space after the timestamp; was " + excerpt(text));
        }
        String timestamp = text.substring(0, timestampEnd);
        if (!isRfc3339(timestamp)) {
            throw new MalformedLine("timestamp is not RFC 3339; was " + excerpt(timestamp));
        }
        int streamEnd = text.indexOf(' ', timestampEnd + 1);
        if (streamEnd < 0) {
            throw new MalformedLine("no tag after the stream; was " + excerpt(text.substring(timestampEnd + 1)));
        }
        String stream = text.substring(timestampEnd + 1, streamEnd);
        if (!CriLine.STDOUT.equals(stream) && !CriLine.STDERR.equals(stream)) {
            throw new MalformedLine("stream is neither stdout nor stderr; was " + excerpt(stream));
        }
        int tagEnd = text.indexOf(' ', streamEnd + 1);
        String tag = text.substring(streamEnd + 1, tagEnd < 0 ? text.length() : tagEnd);
        int colon = tag.indexOf(':');
        String kind = colon < 0 ? tag : tag.substring(0, colon);
        if (!kind.equals("F") && !kind.equals("P")) {
            throw new MalformedLine("tag is neither F nor P; was " + excerpt(tag));
        }
        // The message may be empty, with or without the space that would separate it from the tag.
        String message = tagEnd < 0 ? "" : text.substring(tagEnd + 1);
        return new CriLine(timestamp, stream, kind.equals("P"), message);
    }

    /** True for an RFC 3339 time with a zone: the common shape checked by hand, anything else by java.time. */
    static boolean isRfc3339(String t) {
        if (isCommonRfc3339(t)) {
            return true;
        }
        try {
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(t);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * True for the timestamps container runtimes write, {@code 2024-05-01T12:34:56.123456789Z} or with a
     * {@code +hh:mm} offset, when they are valid dates and times: a subset of what
     * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} accepts, checked without it (java.time's parser was a
     * third of the shipper's CPU). False means "not sure": the caller asks java.time.
     */
    public static boolean isCommonRfc3339(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return false;
        }
        int year = digits(t, 0, 4), month = digits(t, 5, 2), day = digits(t, 8, 2);
        int hour = digits(t, 11, 2), minute = digits(t, 14, 2), second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        int i = 19;
        if (t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
            }
            if (i == start || i - start > 9) {
                return false;
            }
        }
        if (i == n - 1) {
            return t.charAt(i) == 'Z';
        }
        if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int offsetHours = digits(t, i + 1, 2), offsetMinutes = digits(t, i + 4, 2);
            return offsetHours >= 0 && offsetHours <= 17 && offsetMinutes >= 0 && offsetMinutes <= 59;
        }
        return false;
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** What the shipper's own log shows of a bad line: short, and redacted like evidence (a line may carry a secret). */
    private static String excerpt(String value) {
        if (value.length() <= EXCERPT_CHARS) {
            return "\"" + Redactor.redact(value) + "\"";
        }
        return "\"" + Redactor.excerpt(value, EXCERPT_CHARS) + "\" (" + value.length() + " chars)";
    }

    /** A physical line that is not a CRI log line; the message says why. */
    static final class MalformedLine extends Exception {
        MalformedLine(String reason) {
            super(reason, null, false, false);
        }
    }
}
