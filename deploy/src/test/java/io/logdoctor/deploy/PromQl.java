package io.logdoctor.deploy;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The metric names a PromQL expression (or a Grafana query with its $variables) selects: identifiers outside
 * label matchers, ranges and strings that are neither a function call, a keyword, nor the label list of
 * {@code by (...)}, {@code without (...)}, {@code on (...)}, {@code ignoring (...)}, {@code group_left(...)}.
 * Enough of the grammar for the rules and dashboard queries here, which the tests run against the real services.
 */
final class PromQl {

    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

    private PromQl() {
    }

    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '{') {
                i = skipTo(expr, i, '}');
            } else if (c == '[') {
                i = skipTo(expr, i, ']');
            } else if (c == '$' || Character.isDigit(c)) { // a Grafana variable, a number or a duration
                i++;
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_' || expr.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_' || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpaces(expr, i);
                boolean call = next < n && expr.charAt(next) == '(';
                if (LABEL_LISTS.contains(word.toLowerCase())) {
                    i = call ? skipTo(expr, next, ')') : i;
                } else if (!call && !KEYWORDS.contains(word.toLowerCase()) && !aggregation(expr, next)) {
                    names.add(word);
                }
            } else {
                i++;
            }
        }
        return names;
    }

    /** True when {@code by (} or {@code without (} follows: the word is an aggregation such as sum, not a metric. */
    private static boolean aggregation(String s, int next) {
        String rest = s.substring(next).toLowerCase();
        return rest.matches("(?s)(by|without)\\s*\\(.*");
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index after the {@code close} that ends what opens at {@code open}, strings inside skipped. */
    private static int skipTo(String s, int open, char close) {
        int i = open + 1;
        while (i < s.length() && s.charAt(i) != close) {
            char c = s.charAt(i);
            i = c == '"' || c == '\'' || c == '`' ? skipString(s, i) : i + 1;
        }
        if (i >= s.length()) {
            throw new IllegalArgumentException("no '" + close + "' closes the '" + s.charAt(open) + "' at " + open + " in: " + s);
        }
        return i + 1;
    }

    private static int skipString(String s, int open) {
        char quote = s.charAt(open);
        int i = open + 1;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }
}
