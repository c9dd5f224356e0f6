package io.logdoctor.records;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a {@link LogRecord} as the exact bytes Jackson writes for it ({@code Json.MAPPER}: fields in
 * declaration order, nulls left out, Jackson's standard escapes), without Jackson's per-call set-up.
 * The shipper writes one of these per log line, and Jackson's object mapping was a third of its CPU
 * (issue 16). {@code LogRecordJsonTest} pins the byte equality on fuzzed records.
 * Not thread-safe: one instance per thread.
 */
public final class LogRecordJson {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int KEEP = 64 * 1024;

    private byte[] buf = new byte[1024];
    private int len;

    /** The record's JSON. */
    public byte[] write(LogRecord r) {
        len = 0;
        put('{');
        boolean first = true;
        first = field(first, "ts", r.ts());
        first = field(first, "source", r.source());
        first = field(first, "cluster", r.cluster());
        first = field(first, "node", r.node());
        first = field(first, "namespace", r.namespace());
        first = field(first, "pod", r.pod());
        first = field(first, "container", r.container());
        first = field(first, "stream", r.stream());
        first = field(first, "logGroup", r.logGroup());
        first = field(first, "logStream", r.logStream());
        first = field(first, "function", r.function());
        first = field(first, "requestId", r.requestId());
        first = field(first, "line", r.line());
        first = field(first, "file", r.file());
        if (r.offset() != null) {
            first = name(first, "offset");
            ascii(Long.toString(r.offset()));
        }
        first = field(first, "deliveryId", r.deliveryId());
        if (r.truncated() != null) {
            first = name(first, "truncated");
            ascii(r.truncated().toString());
        }
        if (r.tsInvalid() != null) {
            first = name(first, "tsInvalid");
            ascii(r.tsInvalid().toString());
        }
        if (r.attributes() != null) {
            name(first, "attributes");
            put('{');
            boolean firstAttribute = true;
            for (var e : r.attributes().entrySet()) {
                if (!firstAttribute) {
                    put(',');
                }
                firstAttribute = false;
                string(e.getKey());
                put(':');
                string(e.getValue());
            }
            put('}');
        }
        put('}');
        byte[] out = Arrays.copyOf(buf, len);
        if (buf.length > KEEP) {
            buf = new byte[1024]; // do not keep one long line's buffer for the life of the shipper
        }
        return out;
    }

    private boolean field(boolean first, String name, String value) {
        if (value == null) {
            return first;
        }
        name(first, name);
        string(value);
        return false;
    }

    private boolean name(boolean first, String name) {
        if (!first) {
            put(',');
        }
        put('"');
        ascii(name);
        put('"');
        put(':');
        return false;
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void string(String s) {
        int n = s.length();
        ensure(n * 6 + 2); // the worst case: every char a six-byte escape
        byte[] b = buf;
        int at = len;
        b[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[at++] = (byte) c;
                } else {
                    at = escape(b, at, c);
                }
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | (c >> 6));
                b[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                at = three(b, at, c);
            } else {
                at = unicodeEscape(b, at, c); // Jackson escapes every surrogate, paired or not
            }
        }
        b[at++] = '"';
        len = at;
    }

    private static int three(byte[] b, int at, char c) {
        b[at++] = (byte) (0xE0 | (c >> 12));
        b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[at++] = (byte) (0x80 | (c & 0x3F));
        return at;
    }

    /** Jackson's standard escapes: the short forms it knows, {@code \}{@code u00XX} (upper-case hex) for the rest. */
    private static int escape(byte[] b, int at, char c) {
        b[at++] = '\\';
        switch (c) {
            case '"' -> b[at++] = '"';
            case '\\' -> b[at++] = '\\';
            case '\b' -> b[at++] = 'b';
            case '\t' -> b[at++] = 't';
            case '\f' -> b[at++] = 'f';
            case '\n' -> b[at++] = 'n';
            case '\r' -> b[at++] = 'r';
            default -> {
                return unicodeEscape(b, at - 1, c);
            }
        }
        return at;
    }

    private static int unicodeEscape(byte[] b, int at, char c) {
        b[at++] = '\\';
        b[at++] = 'u';
        b[at++] = HEX[c >> 12];
        b[at++] = HEX[(c >> 8) & 0xF];
        b[at++] = HEX[(c >> 4) & 0xF];
        b[at++] = HEX[c & 0xF];
        return at;
    }

    private void put(char c) {
        ensure(1);
        buf[len++] = (byte) c;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
