package io.logdoctor.shipper.decode;

/**
 * The pieces of one stream's line seen so far: the runtime splits long lines into {@code P} parts
 * (CRI) or pieces without a newline (docker json-file) and ends them with a full one. Bounded: past
 * {@code maxChars} the rest is dropped and the line marked truncated, never a split surrogate pair.
 */
final class PartialLine {

    private final StringBuilder text = new StringBuilder();
    private String timestamp;
    private long offset = -1;
    private boolean truncated;

    boolean isEmpty() {
        return offset < 0;
    }

    /** Where the line's first piece starts in the file, or -1 when nothing is held. */
    long offset() {
        return offset;
    }

    void append(CriLine line, long lineOffset, boolean lineTruncated, int maxChars) {
        if (isEmpty()) {
            timestamp = line.timestamp();
            offset = lineOffset;
        }
        truncated |= lineTruncated;
        int room = Math.max(maxChars - text.length(), 0);
        if (line.message().length() > room) {
            if (room > 0 && Character.isHighSurrogate(line.message().charAt(room - 1))) {
                room--; // never split a surrogate pair
            }
            text.append(line.message(), 0, room);
            truncated = true;
        } else {
            text.append(line.message());
        }
    }

    /** The whole line, and an empty holder again. */
    ParseResult.Entry complete(String stream) {
        ParseResult.Entry entry = new ParseResult.Entry(timestamp, stream, text.toString(), offset, truncated);
        text.setLength(0);
        if (text.capacity() > 64 * 1024) {
            text.trimToSize(); // do not keep a long line's buffer for the life of the file
        }
        timestamp = null;
        offset = -1;
        truncated = false;
        return entry;
    }
}
