package io.logdoctor.records;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of secret: the literals that must appear in a line for it to be there (lower case, the
 * prefilter), how far before the first literal a match can start, the pattern, and what replaces a
 * match ({@code $n} keeps a group, such as the name of the field).
 *
 * <p>Every pattern is written to do bounded work per start position: no nested quantifiers, every
 * repetition bounded or possessive, so a line costs linear time whatever it holds.
 */
record SecretRule(String id, List<String> keywords, int back, Pattern pattern, String replacement) {

    SecretRule {
        keywords = List.copyOf(keywords);
    }

    static SecretRule of(String id, List<String> keywords, int back, String regex, String replacement) {
        return new SecretRule(id, keywords, back, Pattern.compile(regex), replacement);
    }

    /**
     * Where in {@code lower} (the text lower-cased, ASCII only, so indexes match) this rule can first
     * match, or -1 if a literal it needs is absent; 0 for rules without literals.
     */
    int start(String lower) {
        if (keywords.isEmpty()) {
            return 0;
        }
        int first = -1;
        for (String k : keywords) {
            int i = lower.indexOf(k);
            if (i >= 0 && (first < 0 || i < first)) {
                first = i;
            }
        }
        return first < 0 ? -1 : Math.max(0, first - back);
    }

    /** {@code text} with every match from {@code from} on replaced; the same instance if none. */
    String apply(String text, int from, MeteredText.Allowance allowance) {
        Matcher m = pattern.matcher(new MeteredText(text, allowance));
        m.useTransparentBounds(true).useAnchoringBounds(false).region(from, text.length());
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, m.start());
            out.append(expand(m));
            last = m.end();
        } while (m.find());
        return out.append(text, last, text.length()).toString();
    }

    /** The replacement with {@code $n} filled in; a group that did not take part is empty. */
    private String expand(Matcher m) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '$' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
                String g = m.group(replacement.charAt(++i) - '0');
                out.append(g == null ? "" : g);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
