package io.logdoctor.streams;

import io.logdoctor.records.Redactor;

/**
 * The bounded, redacted part of a line that travels on as evidence. A match event carries this, never
 * the line: a line can be 1 MiB (the shipper's cut) or more, and a match event that large fails the
 * repartition topic's size limit on every retry, which stopped the app for good (issue 10).
 */
final class Excerpt {

    /** Evidence shows at most this many characters of a line. */
    static final int MAX_CHARS = 2048;
    /**
     * Redaction reads this much more than it keeps, so a secret cut by the excerpt's end (a long JWT, a
     * key) is still whole for the redactor and cannot stay half-visible; the redactor never sees a huge line.
     */
    static final int REDACT_MARGIN = 4096;
    /** Names and paths (pod, container, file, ...) are cut here: they key records, and a hostile one must not grow them. */
    static final int MAX_NAME_CHARS = 1024;

    private Excerpt() {
    }

    /** The start of {@code line}, redacted, at most {@link #MAX_CHARS} characters plus a trailing "…" when cut. */
    static String of(String line) {
        if (line == null) {
            return null;
        }
        String head = line.length() > MAX_CHARS + REDACT_MARGIN ? line.substring(0, MAX_CHARS + REDACT_MARGIN) : line;
        String redacted = Redactor.redact(head);
        return redacted.length() > MAX_CHARS || head.length() < line.length()
                ? redacted.substring(0, Math.min(MAX_CHARS, redacted.length())) + "…" : redacted;
    }

    /** {@code value} cut to {@code max} characters, marked when cut; null stays null. */
    static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max) + "…";
    }
}
