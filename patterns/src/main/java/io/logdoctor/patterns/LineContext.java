package io.logdoctor.patterns;

/** What is known of where a line came from; any field may be null when unknown. */
public record LineContext(String source, String namespace, String container, String logGroup) {

    /** Nothing known: every scope selector admits the line. */
    public static final LineContext UNKNOWN = new LineContext(null, null, null, null);
}
