package io.logdoctor.patterns;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whether the strings of a JSON record (its bytes, as they sit on a topic) might hold one of some
 * literals, without decoding it: false lets a reader skip the record. Never false when a string holds
 * one; true for some records whose strings hold none (a literal in a key, across an escape), which the
 * caller then decodes and tests properly.
 *
 * <p>Each literal is searched in the form JSON gives it inside a string. RFC 8259 section 7 leaves an
 * encoder two choices per character: the character itself (not allowed for {@code "}, {@code \} and
 * U+0000 to U+001F) or an escape: {@code \" \\ \/ \b \f \n \r \t}, or {@code \}{@code uXXXX} for any
 * character. So in a record with no {@code \}{@code u} and no {@code \/} escape, every string's bytes
 * are fixed by its text: {@code "} and {@code \} as {@code \"} and {@code \\}, the five controls by
 * their short escapes, everything else its own UTF-8 (Jackson writes exactly this by default). A record
 * that does use {@code \}{@code u} or {@code \/} (Go escapes {@code < > &}, some encoders escape all
 * non-ASCII), or that is not UTF-8 (Jackson also reads UTF-16 and UTF-32, told by the first bytes), is
 * always admitted. A literal that cannot appear without a {@code \}{@code u} escape (another control
 * character, a lone surrogate) needs no search: such records are admitted for their escape.
 */
public final class JsonLiteralFilter {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;

    private final ByteLiterals literals;

    private JsonLiteralFilter(ByteLiterals literals) {
        this.literals = literals;
    }

    /** A filter for these literals (not empty ones). */
    public static JsonLiteralFilter of(Collection<String> literals) {
        List<byte[]> escaped = new ArrayList<>();
        for (String literal : literals) {
            String e = escaped(literal);
            if (e != null) {
                escaped.add(e.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new JsonLiteralFilter(ByteLiterals.of(escaped));
    }

    /** False only if no string of the JSON text {@code json} can hold any literal; true for null. */
    public boolean mayContain(byte[] json) {
        return json == null || literals.anyIn(json, 0, json.length) || !plainlyEscaped(json);
    }

    /**
     * False only if the JSON string content {@code json[from, to)} (the UTF-8 bytes between a string's
     * quotes, already known to be UTF-8) cannot hold any literal.
     */
    public boolean mayContain(byte[] json, int from, int to) {
        return literals.anyIn(json, from, to) || !plainEscapes(json, from, to);
    }

    /**
     * The literal as it sits inside a JSON string of a record without {@code \}{@code u} escapes, or null
     * if it cannot sit in one (it needs {@code \}{@code u}).
     */
    static String escaped(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        return null;
                    }
                    if (Character.isSurrogate(c)) {
                        boolean paired = Character.isHighSurrogate(c) && i + 1 < literal.length()
                                && Character.isLowSurrogate(literal.charAt(i + 1));
                        if (!paired) {
                            return null; // UTF-8 cannot carry a lone surrogate: only \\uD800 can
                        }
                        out.append(c).append(literal.charAt(++i));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * True when the text is UTF-8 (no NUL among the first four bytes, no UTF-16 byte-order mark: how
     * Jackson tells the encoding) and uses neither a {@code \}{@code u} nor a {@code \/} escape.
     */
    static boolean plainlyEscaped(byte[] json) {
        int n = json.length;
        for (int i = 0; i < Math.min(4, n); i++) {
            if (json[i] == 0) {
                return false;
            }
        }
        if (n >= 2 && ((json[0] & 0xff) == 0xfe && (json[1] & 0xff) == 0xff || (json[0] & 0xff) == 0xff && (json[1] & 0xff) == 0xfe)) {
            return false;
        }
        return plainEscapes(json, 0, n);
    }

    /** True when {@code json[from, to)} uses neither a {@code \}{@code u} nor a {@code \/} escape. */
    private static boolean plainEscapes(byte[] json, int from, int n) {
        int i = from;
        // eight bytes at a time while none is a backslash (most records hold none, or few)
        for (; i + 8 <= n; i += 8) {
            long x = (long) LONG.get(json, i) ^ BACKSLASHES;
            if (((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0) {
                break;
            }
        }
        for (; i < n; i++) {
            if (json[i] == '\\') {
                if (i + 1 < n && (json[i + 1] == 'u' || json[i + 1] == '/')) {
                    return false;
                }
                i++; // the escaped character: "\\u" is a backslash and a u
            }
        }
        return true;
    }
}
