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
    /** Names and paths (pod, container, file, ...) are cut here: they key records, and a hostile one must not grow them. */
    static final int MAX_NAME_CHARS = 1024;

    private Excerpt() {
    }

    /** The start of {@code line}, redacted, at most {@link #MAX_CHARS} characters plus a trailing "…" when cut. */
    static String of(String line) {
        return Redactor.excerpt(line, MAX_CHARS); // redacted before it is cut: a secret split by the cut cannot survive half-visible
    }

    /** {@code value} cut to {@code max} characters, marked when cut; null stays null. */
    static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max) + "…";
    }
}
