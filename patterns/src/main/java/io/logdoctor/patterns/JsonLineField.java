package io.logdoctor.patterns;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Where the top-level {@code line} string of a logs.raw record sits among its bytes, found in one walk without decoding
 * (RFC 8259: an object of string keys; values skipped by their grammar, strings eight bytes at a time, nested objects
 * and arrays whole). The raw test then searches that string alone, not the record's metadata (issue 16's profile: the
 * test over whole records took a quarter of the app's CPU). Conservative: {@link #NONE} unless the bytes are one
 * object with exactly one top-level {@code line} key, written without an escape, whose value is a string; the caller
 * decodes every such record, so the decoder and logs.dlq see everything unusual.
 */
final class JsonLineField {

    /** Not found, or not sure. */
    static final long NONE = -1;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
    /** Deeper nesting than this (the record itself is level 1) is left to the decoder. */
    private static final int MAX_DEPTH = 64;

    private JsonLineField() {
    }

    /** The line string's content (between its quotes) as {@code from << 32 | to}, or {@link #NONE}. */
    static long find(byte[] b) {
        int n = b.length;
        int i = skipSpace(b, 0, n);
        if (i >= n || b[i] != '{') {
            return NONE;
        }
        long[] line = {NONE};
        int end = objectEnd(b, i, n, 1, line);
        return end >= 0 && skipSpace(b, end, n) == n ? line[0] : NONE;
    }

    /**
     * The index of the quote that ends the string whose content starts at {@code i}, or -1 if it does not end or is
     * no JSON string (a raw control character, an unknown escape): the decoder refuses those.
     */
    static int stringEnd(byte[] b, int i, int n) {
        while (i < n) {
            if (i + 8 <= n) {
                long x = (long) LONG.get(b, i);
                if (!hasZeroByte(x ^ QUOTES) && !hasZeroByte(x ^ BACKSLASHES) && !hasByteBelowSpace(x)) {
                    i += 8;
                    continue;
                }
            }
            byte c = b[i];
            if (c == '"') {
                return i;
            }
            if (c >= 0 && c < ' ') {
                return -1;
            }
            i = c == '\\' ? escapeEnd(b, i, n) : i + 1;
            if (i < 0) {
                return -1;
            }
        }
        return -1;
    }

    /** Past the escape at {@code i} (a backslash), or -1 for one RFC 8259 does not have. */
    private static int escapeEnd(byte[] b, int i, int n) {
        if (i + 1 >= n) {
            return -1;
        }
        switch (b[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 2;
            }
            case 'u' -> {
                if (i + 6 > n) {
                    return -1;
                }
                for (int k = i + 2; k < i + 6; k++) {
                    if (Character.digit(b[k], 16) < 0) {
                        return -1;
                    }
                }
                return i + 6;
            }
            default -> {
                return -1;
            }
        }
    }

    /** The index just past the value that starts at {@code i}, or -1 where it is no JSON value (or nests too deep). */
    private static int valueEnd(byte[] b, int i, int n, int depth) {
        if (i >= n) {
            return -1;
        }
        return switch (b[i]) {
            case '"' -> {
                int end = stringEnd(b, i + 1, n);
                yield end < 0 ? -1 : end + 1;
            }
            case '{' -> depth < MAX_DEPTH ? objectEnd(b, i, n, depth + 1, null) : -1;
            case '[' -> depth < MAX_DEPTH ? arrayEnd(b, i, n, depth + 1) : -1;
            case 't' -> word(b, i, n, "true");
            case 'f' -> word(b, i, n, "false");
            case 'n' -> word(b, i, n, "null");
            default -> numberEnd(b, i, n);
        };
    }

    /**
     * Past the object at {@code i} (its opening brace), or -1. For the record itself ({@code line} not null) its one
     * {@code line} key's string goes into {@code line[0]}; a second one, a line that is no string or a key written with
     * an escape (such as "\u006cine", "line" to the decoder) make it -1.
     */
    private static int objectEnd(byte[] b, int i, int n, int depth, long[] line) {
        i = skipSpace(b, i + 1, n);
        if (i < n && b[i] == '}') {
            return i + 1;
        }
        while (i < n && b[i] == '"') {
            int keyEnd = stringEnd(b, i + 1, n);
            if (keyEnd < 0 || line != null && escaped(b, i + 1, keyEnd)) {
                return -1;
            }
            boolean isLine = line != null && keyEnd - i == 5 && b[i + 1] == 'l' && b[i + 2] == 'i' && b[i + 3] == 'n'
                    && b[i + 4] == 'e';
            i = skipSpace(b, keyEnd + 1, n);
            if (i >= n || b[i] != ':') {
                return -1;
            }
            i = skipSpace(b, i + 1, n);
            if (isLine) {
                int end = i < n && b[i] == '"' && line[0] == NONE ? stringEnd(b, i + 1, n) : -1;
                if (end < 0) {
                    return -1; // not a string, or a second line key (the decoder keeps the last)
                }
                line[0] = (long) (i + 1) << 32 | end;
                i = end + 1;
            } else {
                i = valueEnd(b, i, n, depth);
            }
            i = i < 0 ? -1 : skipSpace(b, i, n);
            if (i < 0 || i >= n) {
                return -1;
            }
            if (b[i] == '}') {
                return i + 1;
            }
            i = b[i] == ',' ? skipSpace(b, i + 1, n) : n;
        }
        return -1; // a trailing comma, a key that is no string
    }

    /** Past the array at {@code i} (its opening bracket), or -1. */
    private static int arrayEnd(byte[] b, int i, int n, int depth) {
        i = skipSpace(b, i + 1, n);
        if (i < n && b[i] == ']') {
            return i + 1;
        }
        while (i < n) {
            i = valueEnd(b, i, n, depth);
            i = i < 0 ? -1 : skipSpace(b, i, n);
            if (i < 0 || i >= n) {
                return -1;
            }
            if (b[i] == ']') {
                return i + 1;
            }
            if (b[i] != ',') {
                return -1;
            }
            i = skipSpace(b, i + 1, n);
        }
        return -1;
    }

    private static int word(byte[] b, int i, int n, String word) {
        if (i + word.length() > n) {
            return -1;
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                return -1;
            }
        }
        return i + word.length();
    }

    /** Past the number at {@code i}: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}, or -1. */
    private static int numberEnd(byte[] b, int i, int n) {
        if (i < n && b[i] == '-') {
            i++;
        }
        if (i < n && b[i] == '0') {
            i++;
        } else {
            i = digitsEnd(b, i, n);
        }
        if (i >= 0 && i < n && b[i] == '.') {
            i = digitsEnd(b, i + 1, n);
        }
        if (i >= 0 && i < n && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < n && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            i = digitsEnd(b, i, n);
        }
        return i;
    }

    /** Past one or more digits at {@code i}, or -1 if there is none. */
    private static int digitsEnd(byte[] b, int i, int n) {
        int start = i;
        while (i < n && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i > start ? i : -1;
    }

    private static boolean escaped(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                return true;
            }
        }
        return false;
    }

    private static int skipSpace(byte[] b, int i, int n) {
        while (i < n && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean hasByteBelowSpace(long x) {
        return ((x - 0x2020202020202020L) & ~x & 0x8080808080808080L) != 0;
    }

    private static boolean hasZeroByte(long x) {
        return ((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0;
    }
}
