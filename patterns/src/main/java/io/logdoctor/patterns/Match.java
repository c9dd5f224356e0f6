package io.logdoctor.patterns;

import java.util.Map;

/**
 * A line matched {@code signature} through its pattern named {@code pattern}; {@code about} holds the values of the
 * signature's {@code about:} read from this line (such as its namespace and pod), or is null: the line is about
 * whoever printed it.
 */
public record Match(Signature signature, String pattern, Map<String, String> about) {

    /** A match about whoever printed the line. */
    public Match(Signature signature, String pattern) {
        this(signature, pattern, null);
    }
}
