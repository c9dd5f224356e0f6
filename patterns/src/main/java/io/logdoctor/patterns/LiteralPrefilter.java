package io.logdoctor.patterns;

import io.logdoctor.patterns.mining.ErrorLines;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides, in one scan of a line, which patterns can possibly match it: those with a required literal
 * ({@link RequiredLiterals}) that occurs in the line, plus those with none, which must always run.
 * Most lines contain no literal at all and cost nothing more than the scan.
 *
 * <p>Patterns are numbered 0..n-1 in the order given; the matcher gives them in catalogue order.
 */
final class LiteralPrefilter {

    /** What the scan found for one line: candidate patterns and, for anchored ones, where to start. */
    static final class Candidates implements AhoCorasick.Hits {
        private final LiteralPrefilter filter;
        private BitSet patterns;
        private int[] from;

        private Candidates(LiteralPrefilter filter) {
            this.filter = filter;
            if (!filter.alwaysRun.isEmpty()) {
                patterns = (BitSet) filter.alwaysRun.clone();
            }
        }

        @Override
        public void hit(int keyword, int end) {
            int pattern = filter.patternOf[keyword];
            if (patterns == null) {
                patterns = new BitSet();
            }
            if (patterns.get(pattern)) {
                return; // the first occurrence is the earliest start for an anchored pattern too
            }
            patterns.set(pattern);
            if (filter.anchored[pattern]) {
                if (from == null) {
                    from = new int[filter.anchored.length];
                }
                from[pattern] = end - filter.keywordLength[keyword];
            }
        }

        /** The next candidate pattern at or after {@code pattern}, or -1. */
        int next(int pattern) {
            return patterns == null ? -1 : patterns.nextSetBit(pattern);
        }

        /** Where a search for {@code pattern} may start: no match of it starts earlier. */
        int from(int pattern) {
            return from == null ? 0 : from[pattern];
        }
    }

    private final AhoCorasick automaton;
    private final int[] patternOf;
    private final int[] keywordLength;
    private final boolean[] anchored;
    private final BitSet alwaysRun = new BitSet();
    /** The same literals as UTF-8, for lines still in bytes; keyword numbers as in the automaton. */
    private final ByteLiterals utf8;
    /** Patterns the UTF-8 search cannot rule out: those with no literal, or one UTF-8 cannot hold (a lone surrogate). */
    private final BitSet alwaysRunUtf8;
    /** The same literals as they sit in a JSON string; null when some pattern has none (every record may match). */
    private final JsonLiteralFilter json;
    /** The literals and the error hints ({@link ErrorLines}) in one filter: one walk for both questions. */
    private final JsonLiteralFilter jsonOrError;

    LiteralPrefilter(List<Pattern> patterns) {
        List<String> keywords = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        anchored = new boolean[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            List<String> literals = literals(patterns.get(p));
            if (literals.isEmpty()) {
                alwaysRun.set(p);
                continue;
            }
            for (String literal : literals) {
                keywords.add(literal);
                owners.add(p);
            }
            anchored[p] = literals.size() == 1 && leads(patterns.get(p).pattern(), literals.get(0));
        }
        automaton = new AhoCorasick(keywords);
        alwaysRunUtf8 = (BitSet) alwaysRun.clone();
        List<byte[]> encoded = new ArrayList<>();
        for (int k = 0; k < keywords.size(); k++) {
            String escaped = JsonLiteralFilter.escaped(keywords.get(k)); // null: holds a lone surrogate (or a control)
            if (escaped == null && keywords.get(k).codePoints().anyMatch(cp -> Character.getType(cp) == Character.SURROGATE)) {
                alwaysRunUtf8.set(owners.get(k));
            }
            encoded.add(keywords.get(k).getBytes(StandardCharsets.UTF_8));
        }
        utf8 = ByteLiterals.of(encoded);
        json = alwaysRun.isEmpty() ? JsonLiteralFilter.of(keywords) : null;
        List<String> both = new ArrayList<>(keywords);
        both.addAll(ErrorLines.hints());
        jsonOrError = alwaysRun.isEmpty() ? JsonLiteralFilter.of(both) : null;
        patternOf = owners.stream().mapToInt(Integer::intValue).toArray();
        keywordLength = keywords.stream().mapToInt(String::length).toArray();
    }

    /**
     * The literals one of which every match contains; none for a pattern compiled with flags, since
     * case-insensitive or comments mode would make the literal read from its text wrong. (An inline
     * {@code (?i)} already gives none: see RequiredLiterals.)
     */
    static List<String> literals(Pattern pattern) {
        return pattern.flags() != 0 ? List.of() : RequiredLiterals.of(pattern.pattern());
    }

    /**
     * True when the expression begins with the literal, written plainly: then every match starts where
     * an occurrence of it starts, and the search can begin at the first one instead of at 0.
     */
    static boolean leads(String regex, String literal) {
        if (!regex.startsWith(literal) || mayAlternateAtTop(regex)) {
            return false; // "abcd.*|zz(abcd)" starts with abcd, but a match of its second branch does not
        }
        for (int i = 0; i < literal.length(); i++) {
            if ("\\^$.|?*+()[]{}".indexOf(literal.charAt(i)) >= 0) {
                return false;
            }
        }
        // a quantifier after it would apply to its last character only
        return regex.length() == literal.length() || "?*+{".indexOf(regex.charAt(literal.length())) < 0;
    }

    /** True unless sure that no '|' stands outside every group; doubtful syntax counts as yes. */
    private static boolean mayAlternateAtTop(String regex) {
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
                    return true;
                }
                i++;
            } else if (c == '[') {
                i = endOfClass(regex, i);
                if (i < 0) {
                    return true;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    /** The index of the ']' that closes the class opening at {@code open}, or -1. */
    private static int endOfClass(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++; // a leading ']' is a member
        }
        for (int depth = 1; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * False only if no pattern can match any string inside {@code json}, a JSON text holding lines (a
     * logs.raw record as it sits on the topic): see {@link JsonLiteralFilter}.
     */
    boolean mayMatchInJson(byte[] json) {
        return this.json == null || this.json.mayContain(json);
    }

    /** False only if no pattern can match the JSON string content {@code json[from, to)}. */
    boolean mayMatchInJson(byte[] json, int from, int to) {
        return this.json == null || this.json.mayContain(json, from, to);
    }

    /** False only if no pattern can match the text whose UTF-8 is {@code line[from, to)}: no candidate in {@link #candidatesUtf8}. */
    boolean mayMatchUtf8(byte[] line, int from, int to) {
        return !alwaysRunUtf8.isEmpty() || utf8.anyIn(line, from, to);
    }

    /** False only if no line inside {@code json} can match, nor look like an error ({@link ErrorLines#test}). */
    boolean mayMatchOrBeErrorInJson(byte[] json) {
        return jsonOrError == null || jsonOrError.mayContain(json);
    }

    /** False only if the line whose JSON string content is {@code json[from, to)} can neither match nor look like an error. */
    boolean mayMatchOrBeErrorInJson(byte[] json, int from, int to) {
        return jsonOrError == null || jsonOrError.mayContain(json, from, to);
    }

    /**
     * The patterns that may match the UTF-8 line {@code line[from, to)}: the same as {@link #scan} gives
     * for its text, for any text without lone surrogates (which UTF-8 cannot hold).
     */
    BitSet candidatesUtf8(byte[] line, int from, int to) {
        BitSet patterns = (BitSet) alwaysRunUtf8.clone();
        utf8.scan(line, from, to, (keyword, start) -> patterns.set(patternOf[keyword]));
        return patterns;
    }

    /** The patterns that may match {@code line}. */
    Candidates scan(CharSequence line) {
        Candidates candidates = new Candidates(this);
        automaton.scan(line, candidates);
        return candidates;
    }

    /** How many states the automaton has. */
    int states() {
        return automaton.states();
    }
}
