package io.logdoctor.shipper.decode;

/**
 * What a line parser made of one physical line: a complete log entry, nothing yet (a partial line
 * waiting for the rest of its text), or a malformed line with the reason. Parsing never throws: a bad
 * line is a counted event, and the file goes on.
 */
public sealed interface ParseResult {

    /** The line was a part of a longer line; its text is held until the final part arrives. */
    ParseResult PENDING = new Pending();

    /**
     * A complete log entry.
     *
     * @param timestamp the entry's own time as printed (for a joined line, its first part's)
     * @param stream    {@code stdout} or {@code stderr}
     * @param message   the text, joined from its parts
     * @param offset    the byte offset in the file where the entry (its first part) starts
     * @param truncated true if the text was cut at the line length limit
     */
    public record Entry(String timestamp, String stream, String message, long offset, boolean truncated)
            implements ParseResult {
    }

    /** A partial line was held back; see {@link #PENDING}. */
    record Pending() implements ParseResult {
    }

    /**
     * A line that does not have the expected shape.
     *
     * @param reason what was wrong, naming the value found (cut short)
     */
    record Malformed(String reason) implements ParseResult {
    }
}
