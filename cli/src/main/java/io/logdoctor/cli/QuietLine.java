package io.logdoctor.cli;

import io.logdoctor.patterns.SignatureMatcher;

import java.nio.charset.StandardCharsets;

/**
 * Reads a physical line of a container log in bytes, far enough to tell whether {@link io.logdoctor.shipper.LineDecoder}
 * could do anything with it but hold it on its own: a "quiet" line is well formed, complete (not a partial
 * piece), starts no continuation and holds no literal of the catalogue, so the event it starts matches
 * nothing unless a continuation line joins it. Every test errs towards "not quiet": such a line just takes
 * the full path. Reused per line; not thread-safe.
 */
final class QuietLine {

    static final int UNKNOWN = -1;
    static final int STDOUT = 0;
    static final int STDERR = 1;

    private static final byte[] DOCKER_HEAD = bytes("{\"log\":\"");
    private static final byte[] DOCKER_STREAM = bytes("\",\"stream\":\"");
    private static final byte[] DOCKER_TIME = bytes("\",\"time\":\"");
    private static final byte[] OUT = bytes("stdout");
    private static final byte[] ERR = bytes("stderr");

    /** Longer docker lines take the full path: far below any string length limit Jackson may have. */
    private static final int MAX_DOCKER_LINE = 1 << 20;

    private final String format;
    private final SignatureMatcher matcher;

    /** The line's stream, or {@link #UNKNOWN}: a cri line without one is malformed, a docker one not in the usual shape. */
    int stream;
    /** A partial piece, to be joined with the stream's next line (cri {@code P}, docker without a final newline). */
    boolean partial;
    /** Nothing can come of the line unless a continuation joins it (see above). */
    boolean quiet;

    QuietLine(String format, SignatureMatcher matcher) {
        this.format = format;
        this.matcher = matcher;
    }

    void read(byte[] b, int from, int to, boolean ascii) {
        stream = UNKNOWN;
        partial = false;
        quiet = false;
        switch (format) {
            case "cri" -> cri(b, from, to, ascii);
            case "docker" -> docker(b, from, to, ascii);
            default -> kubectl(b, from, to, ascii);
        }
    }

    /** {@code <time> <stream> <tag> <message>}, as CriParser reads it. */
    private void cri(byte[] b, int from, int to, boolean ascii) {
        int timeEnd = indexOf(b, ' ', from, to);
        int streamEnd = timeEnd < 0 ? -1 : indexOf(b, ' ', timeEnd + 1, to);
        if (streamEnd < 0) {
            return;
        }
        int s = same(b, timeEnd + 1, streamEnd, OUT) ? STDOUT : same(b, timeEnd + 1, streamEnd, ERR) ? STDERR : UNKNOWN;
        int space = indexOf(b, ' ', streamEnd + 1, to);
        int tagEnd = space < 0 ? to : space;
        int colon = indexOf(b, ':', streamEnd + 1, tagEnd);
        int kindEnd = colon < 0 ? tagEnd : colon;
        boolean full = kindEnd == streamEnd + 2 && b[streamEnd + 1] == 'F';
        if (!full && !(kindEnd == streamEnd + 2 && b[streamEnd + 1] == 'P')) {
            return; // neither F nor P: malformed whatever the rest
        }
        stream = s;
        partial = !full;
        int message = space < 0 ? to : space + 1;
        quiet = s != UNKNOWN && full && ascii && Rfc3339Bytes.isCommon(b, from, timeEnd)
                && !mayContinue(b, message, to) && !matcher.mayMatchUtf8(b, message, to);
    }

    /** {@code kubectl logs} output: one stream; the message follows the time if the line starts with one. */
    private void kubectl(byte[] b, int from, int to, boolean ascii) {
        stream = STDOUT;
        int space = indexOf(b, ' ', from, to);
        quiet = ascii && !mayContinue(b, from, to) && (space < 0 || !mayContinue(b, space + 1, to))
                && !matcher.mayMatchUtf8(b, from, to);
    }

    /**
     * Docker's json-file line exactly as dockerd writes it, {@code {"log":"...","stream":"stdout","time":"..."}};
     * any other shape (other keys, key order, spacing, streams) is {@link #UNKNOWN}.
     */
    private void docker(byte[] b, int from, int to, boolean ascii) {
        if (!startsWith(b, from, to, DOCKER_HEAD)) {
            return;
        }
        int logFrom = from + DOCKER_HEAD.length;
        int i = logFrom;
        int lastEscape = -1;
        while (i < to && b[i] != '"') {
            if (b[i] == '\\') {
                int length = escapeLength(b, i, to);
                if (length < 0) {
                    return;
                }
                lastEscape = i;
                i += length;
            } else if ((b[i] & 0xff) < 0x20) {
                return; // JSON does not allow it raw: the parser calls the line malformed
            } else {
                i++;
            }
        }
        int logTo = i;
        if (i >= to || !startsWith(b, i, to, DOCKER_STREAM)) {
            return;
        }
        i += DOCKER_STREAM.length;
        int s = startsWith(b, i, to, OUT) ? STDOUT : startsWith(b, i, to, ERR) ? STDERR : UNKNOWN;
        i += OUT.length;
        if (s == UNKNOWN || !startsWith(b, i, to, DOCKER_TIME)) {
            return;
        }
        i += DOCKER_TIME.length;
        while (i < to && b[i] != '"' && b[i] != '\\' && (b[i] & 0xff) >= 0x20) {
            i++;
        }
        if (i + 2 != to || b[i] != '"' || b[i + 1] != '}') {
            return;
        }
        stream = s;
        partial = !(lastEscape == logTo - 2 && b[logTo - 1] == 'n'); // the line's own newline ends it
        // a string past Jackson's length limit (StreamReadConstraints) makes the parser call the line malformed
        quiet = !partial && ascii && to - from < MAX_DOCKER_LINE && b[logFrom] != '\\' && !mayContinue(b, logFrom, logTo)
                && !matcher.mayMatchInJson(b, logFrom, logTo);
    }

    /** The length of the JSON escape at {@code i}, or -1 if it is not one. */
    private static int escapeLength(byte[] b, int i, int to) {
        if (i + 1 >= to) {
            return -1;
        }
        byte c = b[i + 1];
        if (c == 'u') {
            if (i + 6 > to) {
                return -1;
            }
            for (int k = i + 2; k < i + 6; k++) {
                if (Character.digit(b[k], 16) < 0) {
                    return -1;
                }
            }
            return 6;
        }
        return "\"\\/bfnrt".indexOf(c) >= 0 ? 2 : -1;
    }

    /**
     * Whether a message starting at {@code i} might be a continuation line (MultilineJoiner's default rules:
     * leading white space, {@code Caused by: }, {@code ... N more}, a tab): any message starting with white
     * space, {@code C} or {@code .}.
     */
    private static boolean mayContinue(byte[] b, int i, int to) {
        if (i >= to) {
            return false;
        }
        byte c = b[i];
        return c == ' ' || c == '\t' || c == 0x0b || c == '\f' || c == 'C' || c == '.';
    }

    private static int indexOf(byte[] b, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean same(byte[] b, int from, int to, byte[] word) {
        return to - from == word.length && startsWith(b, from, to, word);
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] word) {
        if (to - from < word.length) {
            return false;
        }
        for (int k = 0; k < word.length; k++) {
            if (b[from + k] != word[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
