package io.logdoctor.patterns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The literal text a regular expression cannot match without: a set of alternatives such that every
 * match contains at least one of them (empty when the expression guarantees none). A prefilter that
 * finds none of them in a line knows the expression cannot match it, without running it.
 *
 * <p>Conservative by construction: anything it does not understand (classes, wildcards, optional or
 * repeated parts, lookarounds, back references) counts as "no literal here", never as a literal.
 */
final class RequiredLiterals {

    private final String regex;
    private int pos;

    private RequiredLiterals(String regex) {
        this.regex = regex;
    }

    /** The alternatives, best first guess (longest shortest member) of all the options the expression offers. */
    static List<String> of(String regex) {
        try {
            RequiredLiterals parser = new RequiredLiterals(regex);
            List<String> found = parser.alternation();
            return parser.pos == regex.length() ? found : List.of();
        } catch (RuntimeException e) {
            return List.of(); // an expression this reader does not follow offers no literal, which is safe
        }
    }

    /** The shortest member's length: how selective the alternatives are. 0 for none. */
    static int strength(List<String> alternatives) {
        return alternatives.stream().mapToInt(String::length).min().orElse(0);
    }

    private List<String> alternation() {
        List<List<String>> branches = new ArrayList<>();
        branches.add(sequence());
        while (pos < regex.length() && regex.charAt(pos) == '|') {
            pos++;
            branches.add(sequence());
        }
        if (branches.size() == 1) {
            return branches.get(0);
        }
        Set<String> union = new LinkedHashSet<>();
        for (List<String> branch : branches) {
            if (branch.isEmpty()) {
                return List.of(); // one branch needs no literal, so the whole needs none
            }
            union.addAll(branch);
        }
        return List.copyOf(union);
    }

    /** The best requirement of a concatenation: its longest literal run, or a required group's alternatives. */
    private List<String> sequence() {
        List<List<String>> options = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        while (pos < regex.length() && regex.charAt(pos) != '|' && regex.charAt(pos) != ')') {
            Atom atom = atom();
            char quantifier = quantifier();
            boolean required = quantifier != '?' && quantifier != '*';
            boolean single = quantifier == 0;
            if (atom.literal != null && required) {
                run.append(atom.literal);
                if (!single) { // "a+" requires one "a", but what follows need not be next to it
                    flush(run, options);
                }
                continue;
            }
            flush(run, options);
            if (atom.group != null && required && !atom.group.isEmpty()) {
                options.add(atom.group);
            }
        }
        flush(run, options);
        return options.stream().max(Comparator.comparingInt(RequiredLiterals::strength)).orElse(List.of());
    }

    private static void flush(StringBuilder run, List<List<String>> options) {
        if (!run.isEmpty()) {
            options.add(List.of(run.toString()));
            run.setLength(0);
        }
    }

    /** One atom: a literal character, a group with its alternatives, or something that is neither. */
    private record Atom(String literal, List<String> group) {
        static final Atom OTHER = new Atom(null, null);
    }

    private Atom atom() {
        char c = regex.charAt(pos++);
        switch (c) {
            case '\\':
                return escape();
            case '[':
                skipClass();
                return Atom.OTHER;
            case '(':
                return group();
            case '.', '^', '$':
                return Atom.OTHER;
            default:
                if (Character.isHighSurrogate(c) && pos < regex.length() && Character.isLowSurrogate(regex.charAt(pos))) {
                    return new Atom(regex.substring(pos - 1, ++pos), null); // one code point: a quantifier takes both halves
                }
                return new Atom(String.valueOf(c), null);
        }
    }

    private Atom escape() {
        char e = regex.charAt(pos++);
        if (e == 'Q') {
            int end = regex.indexOf("\\E", pos);
            String quoted = end < 0 ? regex.substring(pos) : regex.substring(pos, end);
            pos = end < 0 ? regex.length() : end + 2;
            return new Atom(quoted, null);
        }
        if (e == 't') {
            return new Atom("\t", null);
        }
        if (e == 'n') {
            return new Atom("\n", null);
        }
        if (e == 'p' || e == 'P') {
            if (pos < regex.length() && regex.charAt(pos) == '{') {
                pos = regex.indexOf('}', pos) + 1;
            } else {
                pos++;
            }
            return Atom.OTHER;
        }
        if (Character.isLetterOrDigit(e)) {
            // \d \w \s \b, back references, hex, octal and control escapes: none is a plain literal here,
            // and what follows them up to their end is part of them, not a literal ("\x41" is "A", not "41")
            skipEscapeBody(e);
            return Atom.OTHER;
        }
        return new Atom(String.valueOf(e), null);
    }

    private void skipEscapeBody(char e) {
        if ((e == 'k' || e == 'N' || e == 'x') && pos < regex.length() && "<{".indexOf(regex.charAt(pos)) >= 0) {
            pos = regex.indexOf(regex.charAt(pos) == '<' ? '>' : '}', pos) + 1; // \k<name>, \N{NAME}, \x{h...h}
            if (pos == 0) {
                throw new IllegalArgumentException("unclosed escape");
            }
        } else if (e == 'x') {
            pos += 2;
        } else if (e == 'u') {
            pos += 4;
        } else if (e == 'c') {
            pos += 1;
        } else if (Character.isDigit(e)) { // \0 octal, or a back reference that may take more digits
            while (pos < regex.length() && Character.isDigit(regex.charAt(pos))) {
                pos++;
            }
        }
    }

    private Atom group() {
        boolean counts = true;
        if (regex.startsWith("?", pos)) {
            if (regex.startsWith("?:", pos)) {
                pos += 2;
            } else if (regex.startsWith("?<", pos) && !regex.startsWith("?<=", pos) && !regex.startsWith("?<!", pos)) {
                pos = regex.indexOf('>', pos) + 1; // a named group
            } else {
                counts = false; // lookaround, inline flags, atomic group: not something the match must contain
                pos++;
                while (pos < regex.length() && "=!<>:".indexOf(regex.charAt(pos)) < 0 && regex.charAt(pos) != ')') {
                    if (Character.isLetter(regex.charAt(pos)) || regex.charAt(pos) == '-') {
                        pos++;
                    } else {
                        break;
                    }
                }
                if (pos < regex.length() && regex.charAt(pos) == ')') {
                    pos++;
                    throwIfCaseInsensitive();
                    return Atom.OTHER;
                }
                pos++;
            }
        }
        List<String> inner = alternation();
        if (pos >= regex.length() || regex.charAt(pos) != ')') {
            throw new IllegalArgumentException("unclosed group");
        }
        pos++;
        return counts ? new Atom(null, inner) : Atom.OTHER;
    }

    /**
     * {@code (?i)} makes every literal after it case-insensitive and {@code (?x)} ignores the spaces in
     * it; this reader keeps exact literals only. ({@code (?-i)} gives up too: simpler, and still safe.)
     */
    private void throwIfCaseInsensitive() {
        int start = regex.lastIndexOf("(?", pos);
        String flags = regex.substring(start, pos);
        if (flags.contains("i") || flags.contains("x")) {
            throw new IllegalArgumentException("case-insensitive or comments mode");
        }
    }

    private void skipClass() {
        if (pos < regex.length() && regex.charAt(pos) == '^') {
            pos++;
        }
        if (pos < regex.length() && regex.charAt(pos) == ']') {
            pos++;
        }
        int depth = 1;
        while (depth > 0) {
            char c = regex.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
        }
    }

    /** The quantifier after an atom: 0 for none, else '?', '*', '+' or '{' (read as at least its minimum). */
    private char quantifier() {
        if (pos >= regex.length()) {
            return 0;
        }
        char q = regex.charAt(pos);
        char kind;
        if (q == '?' || q == '*' || q == '+') {
            pos++;
            kind = q;
        } else if (q == '{' && regex.indexOf('}', pos) > pos) {
            int end = regex.indexOf('}', pos);
            String min = regex.substring(pos + 1, end).split(",", -1)[0].strip();
            pos = end + 1;
            kind = min.equals("0") ? '*' : '+';
        } else {
            return 0;
        }
        if (pos < regex.length() && (regex.charAt(pos) == '?' || regex.charAt(pos) == '+')) {
            pos++; // lazy or possessive: the same requirement
        }
        return kind;
    }
}
