package io.logdoctor.patterns.mining;

import io.logdoctor.patterns.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A signature skeleton drafted from a candidate, in the catalogue's format (docs/signature-format.md):
 * the YAML with a Grok pattern made from the template (each typed wildcard becomes the Grok type that
 * matches it), a fire rule from the observed rate, and the examples as positive fixtures. Title, cause,
 * remediation and the near-miss fixtures are left as {@value #TODO} for the author, and
 * {@code signatures lint} refuses a signature that still says {@value #TODO}.
 */
public final class SignatureDraft {

    /** The marker lint refuses. */
    public static final String TODO = "TODO";

    private static final Pattern ID = Signature.ID; // what the catalogue will load, nothing it would refuse

    /** The three files of a draft: {@code <id>.yaml}, {@code <id>.match.log}, {@code <id>.nomatch.log}. */
    public record Files(String yaml, String match, String nomatch) {
    }

    private SignatureDraft() {
    }

    /** Drafts signature {@code id} (such as {@code team/new-error}) from {@code candidate}. */
    public static Files of(String id, Candidate candidate) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("signature id must be <area>/<name> in lower case, digits and dashes, "
                    + "like team/disk-full; was '" + id + "'");
        }
        int perScope = (int) Math.max(1, candidate.count() / Math.max(1, candidate.scopeCount()));
        // half of what one scope showed, so the burst that made this candidate would have fired
        int fireCount = Math.max(1, Math.min(20, (perScope + 1) / 2));
        long minutes = Math.max(1, Math.min(60, (candidate.lastSeen() - candidate.firstSeen() + 59_999) / 60_000));
        StringBuilder y = new StringBuilder();
        y.append("id: ").append(id).append('\n');
        y.append("title: '").append(TODO).append(": what is broken, in words an on-call SRE acts on'\n");
        y.append("severity: error\n");
        y.append("match:\n");
        y.append("  # drafted from candidate ").append(candidate.id()).append(": ")
                .append(candidate.template().replace('\n', ' ')).append('\n');
        y.append("  # seen ").append(candidate.count()).append(" times in ").append(candidate.scopeCount())
                .append(" scopes, ").append(String.format(Locale.ROOT, "%.2f", candidate.ratePerMinute()))
                .append(" a minute\n");
        y.append("  drafted: ").append(quote(grok(candidate.template()))).append('\n');
        y.append("fire:\n");
        y.append("  count: ").append(fireCount).append('\n');
        y.append("  window: ").append(minutes).append("m\n");
        y.append("resolve:\n");
        y.append("  quiet: 10m\n");
        y.append("cause: '").append(TODO).append(": why this happens'\n");
        y.append("remediation:\n");
        y.append("  - '").append(TODO).append(": the first step that fixes it'\n");
        y.append("references:\n");
        y.append("  - 'logdoctor candidate ").append(candidate.id()).append("'\n");
        StringBuilder match = new StringBuilder();
        for (String example : candidate.examples()) {
            match.append(example.replace('\n', ' ')).append('\n');
        }
        String nomatch = "# " + TODO + ": at least 3 lines that look alike but must not match (near misses)\n";
        return new Files(y.toString(), match.toString(), nomatch);
    }

    /** The Grok pattern of a template: literals escaped, wildcards typed, any run of spaces between tokens. */
    public static String grok(String template) {
        List<String> parts = new ArrayList<>();
        for (String token : template.split(" ")) {
            if (!token.isEmpty()) {
                parts.add(token(token));
            }
        }
        return String.join("\\s+", parts);
    }

    private static String token(String token) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < token.length()) {
            int open = token.indexOf('<', i);
            int close = open < 0 ? -1 : token.indexOf('>', open);
            String type = close < 0 ? null : type(token.substring(open, close + 1));
            if (type == null) {
                int end = open < 0 ? token.length() : open + 1;
                out.append(escape(token.substring(i, end)));
                i = end;
            } else {
                out.append(escape(token.substring(i, open))).append(type);
                i = close + 1;
            }
        }
        return out.toString();
    }

    private static String type(String mask) {
        return switch (mask) {
            case Masker.NUM -> "%{NUMBER}";
            case Masker.IP -> "%{IP}(?::%{INT})?";
            case Masker.UUID -> "%{UUID}";
            case Masker.HEX -> "(?:0[xX])?%{BASE16NUM}";
            // a quantity may be written apart from its unit ("3 sec") or as a clock ("00:01"); see Quantities
            case Masker.DURATION -> "[<>]?(?:\\d+(?::\\d+)+(?:\\.\\d+)?|%{NUMBER}(?:[a-zµ]+%{NUMBER})*\\s?[a-zA-Zµ]+)";
            case Masker.SIZE -> "[<>]?%{NUMBER}\\s?[a-zA-Z]+";
            case Masker.DATE -> "[A-Z][a-z]{2,8},?"; // a day or month name, see Dates
            case Masker.PATH, Masker.ID, Masker.ANY -> "%{NOTSPACE}";
            default -> null;
        };
    }

    private static String escape(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (char c : literal.toCharArray()) {
            if ("\\.[]{}()*+?^$|%".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String quote(String yaml) {
        return "'" + yaml.replace("'", "''") + "'";
    }
}
