package io.logdoctor.patterns.mining;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line into tokens and replaces the variable ones by typed wildcards before the tree sees
 * them, as Drain's preprocessing does with its per-dataset regexes (He et al., ICWS 2017, section
 * III-A; Drain3's {@code masking} config) but with one generic, regex-free pass so it costs little per
 * line: a token with a digit in it, or a path, is a variable.
 *
 * <p>Surrounding punctuation stays ({@code (10.0.0.1)} becomes {@code (<IP>)}) and in {@code key=value}
 * only the value is masked, so a template keeps the words a reader and a Grok pattern need.
 */
final class Masker {

    static final String IP = "<IP>";
    static final String UUID = "<UUID>";
    static final String HEX = "<HEX>";
    static final String NUM = "<NUM>";
    static final String DURATION = "<DURATION>";
    static final String SIZE = "<SIZE>";
    static final String DATE = "<DATE>";
    static final String PATH = "<PATH>";
    static final String ID = "<ID>";
    static final String ANY = "<*>";
    private static final String[] MASKS = {ANY, NUM, ID, IP, HEX, UUID, DURATION, SIZE, DATE, PATH};

    private Masker() {
    }

    /** The masked tokens of {@code line}, split on whitespace. */
    static String[] tokens(String line) {
        List<String> out = new ArrayList<>(16);
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i == start) {
                continue;
            }
            int last = out.size() - 1;
            String unit = last < 0 || !out.get(last).endsWith(NUM) ? null : unitAlone(line, start, i);
            if (unit != null) {
                // "1.16 KB)": the number before and its unit are one quantity; the unit's closing edge stays
                String before = out.get(last);
                out.set(last, before.substring(0, before.length() - NUM.length()) + unit + trailingEdge(line, start, i));
                if (last > 0 && isFold(out.get(last), out.get(last - 1))) {
                    out.remove(last);
                }
                continue;
            }
            String token = mask(line, start, i);
            if (last >= 0 && isFold(token, out.get(last))) {
                continue;
            }
            out.add(token);
        }
        return out.toArray(String[]::new);
    }

    /**
     * Whether {@code token} is a bracketed quantity right after another quantity, such as the
     * {@code (1.16 KB)} of {@code 1190 bytes (1.16 KB)}: the same value written a second way, folded into
     * the first so lines with and without it keep one token count. Only quantities: a bracketed name
     * after an address ({@code 10.0.0.1 (db-1)}) can also be empty ({@code ()}), so folding it would split.
     */
    private static boolean isFold(String token, String previous) {
        int n = token.length();
        if (n < 3 || !(token.charAt(0) == '(' && token.charAt(n - 1) == ')'
                || token.charAt(0) == '[' && token.charAt(n - 1) == ']')) {
            return false;
        }
        String inner = token.substring(1, n - 1);
        return isQuantity(inner) && isQuantity(previous);
    }

    /** The mask of a unit word written apart from its number ("KB", "sec,"), else null. */
    private static String unitAlone(String s, int from, int to) {
        int b = to;
        while (b > from && isEdge(s.charAt(b - 1))) {
            b--;
        }
        return b == from ? null : Quantities.unit(s, from, b);
    }

    private static String trailingEdge(String s, int from, int to) {
        int b = to;
        while (b > from && isEdge(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(b, to);
    }

    /** Whether {@code token} holds one of the masks this class writes, or the merged {@code <*>}. */
    static boolean isWildcard(String token) {
        if (token.indexOf('<') < 0) {
            return false;
        }
        for (String m : MASKS) {
            if (token.contains(m)) {
                return true;
            }
        }
        return false;
    }

    static String mask(String s, int from, int to) {
        if (!hasDigitOrSlash(s, from, to)) {
            return Dates.isName(s, from, to) ? DATE : s.substring(from, to);
        }
        int eq = s.indexOf('=', from);
        if (eq > from && eq < to - 1 && !hasDigitOrSlash(s, from, eq)) {
            // key=value: the key is the constant part of the template
            return s.substring(from, eq + 1) + mask(s, eq + 1, to);
        }
        int a = from;
        int b = to;
        while (a < b && isEdge(s.charAt(a))) {
            a++;
        }
        while (b > a && isEdge(s.charAt(b - 1))) {
            b--;
        }
        if (a == b) {
            return s.substring(from, to);
        }
        String type = classify(s, a, b);
        if (type == null) {
            return s.substring(from, to);
        }
        if (a > from && (s.charAt(a - 1) == '<' || s.charAt(a - 1) == '>') && isQuantity(type)) {
            a--; // "<1 sec", ">100": the comparison is part of the value
        }
        if (a == from && b == to) {
            return type;
        }
        return s.substring(from, a) + type + s.substring(b, to);
    }

    /** Two or more lower-case letters, then one or two digits. */
    private static boolean isDeviceName(String s, int a, int b) {
        int i = a;
        while (i < b && (s.charAt(i) >= 'a' && s.charAt(i) <= 'z')) {
            i++;
        }
        int letters = i - a;
        int d = i;
        while (i < b && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i == b && letters >= 2 && i - d >= 1 && i - d <= 2;
    }

    private static boolean isQuantity(String type) {
        return NUM.equals(type) || SIZE.equals(type) || DURATION.equals(type);
    }

    private static boolean isEdge(char c) {
        return c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == ',' || c == ';'
                || c == ':' || c == '"' || c == '\'' || c == '.' || c == '<' || c == '>';
    }

    private static boolean hasDigitOrSlash(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' || c == '/') {
                return true;
            }
        }
        return false;
    }

    /** The type of the core of a token (edge punctuation removed), or null to keep it as it is. */
    static String classify(String s, int a, int b) {
        int len = b - a;
        if (s.charAt(a) == '/' && len > 1) {
            return PATH;
        }
        boolean digit = false;
        boolean hexOnly = true;
        int dots = 0;
        int dashes = 0;
        boolean numeric = true;
        for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            boolean d = c >= '0' && c <= '9';
            digit |= d;
            if (c == '.') {
                dots++;
            } else if (c == '-') {
                dashes++;
            }
            if (!d && c != '.' && c != '-' && c != '+') {
                numeric = false;
            }
            if (!d && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F') && c != '-') {
                hexOnly = false;
            }
        }
        if (!digit) {
            return s.indexOf('/', a) >= 0 && s.indexOf('/', a) < b && len > 2 ? PATH : null;
        }
        if (len == 36 && hexOnly && dashes == 4 && s.charAt(a + 8) == '-' && s.charAt(a + 13) == '-') {
            return UUID;
        }
        if (isIp(s, a, b)) {
            return IP;
        }
        if (numeric && dots <= 1) {
            return NUM;
        }
        if (len > 2 && s.charAt(a) == '0' && (s.charAt(a + 1) == 'x' || s.charAt(a + 1) == 'X')) {
            return HEX;
        }
        if (hexOnly && dashes == 0 && len >= 8) {
            return HEX;
        }
        String quantity = Quantities.glued(s, a, b);
        if (quantity != null) {
            return quantity;
        }
        if (s.indexOf('/', a) >= 0 && s.indexOf('/', a) < b) {
            return PATH;
        }
        if (isDeviceName(s, a, b)) {
            // en0, eth1, sda1: a device takes a few values, so it stays a word and Template's few-valued
            // rule decides (HPC's "via interface ee0" / "alt0" are two events; 0.906 -> 0.951 on Loghub)
            return null;
        }
        // other names with a digit (Brcm43xx, node-129) are variables: keeping every one of them as a word
        // cost 0.04 of average GA on Loghub (BGL's node names are variables shaped like that)
        return ID;
    }

    /** Dotted quad with an optional :port. */
    private static boolean isIp(String s, int a, int b) {
        DigitGroups quad = DigitGroups.scan(s, a, b, '.', 3, 3);
        if (quad == null || quad.separators() != 3 || quad.lastDigits() == 0) {
            return false;
        }
        int i = quad.end();
        if (i == b) {
            return true;
        }
        if (s.charAt(i) != ':' || i + 1 == b) {
            return false;
        }
        for (int j = i + 1; j < b; j++) {
            if (s.charAt(j) < '0' || s.charAt(j) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Groups of digits joined by one separator, read from {@code a} until another character, an empty
     * group or {@code maxSeparators} separators: where the scan stopped, the separators read and the
     * digits of the last group; null if a group has more than {@code maxDigits}. Shared by addresses
     * ({@code 10.0.0.1}) and clocks ({@code 07:07:00}).
     */
    record DigitGroups(int end, int separators, int lastDigits) {

        static DigitGroups scan(String s, int a, int b, char separator, int maxSeparators, int maxDigits) {
            int separators = 0;
            int digits = 0;
            int i = a;
            for (; i < b; i++) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    if (++digits > maxDigits) {
                        return null;
                    }
                } else if (c == separator && digits > 0 && separators < maxSeparators) {
                    separators++;
                    digits = 0;
                } else {
                    break;
                }
            }
            return new DigitGroups(i, separators, digits);
        }
    }
}
