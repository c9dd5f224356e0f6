package io.logdoctor.records;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Silence matchers as Alertmanager reads them ({@code name=value}, {@code !=}, {@code =~}, {@code !~}; a
 * regular expression must match the whole value; a label the diagnosis lacks reads as the empty string),
 * plus one convenience: a {@code *} in the value of {@code =} or {@code !=} is a glob, stored as the
 * equivalent {@code =~}/{@code !~} ({@code signature=vpc-cni/*} is {@code signature=~"vpc-cni/.*"} with the
 * rest quoted), so the topic only ever holds Alertmanager's four operators.
 */
public final class SilenceMatchers {

    private static final Pattern FORM = Pattern.compile("([A-Za-z]+)(=~|!~|!=|=)(.*)", Pattern.DOTALL);

    private SilenceMatchers() {
    }

    /** Parses {@code name op value} (quotes around the value are dropped); an error names the matcher and what to write. */
    public static Silence.Matcher parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("matcher '" + text + "': write name=value, name!=value, name=~regex or name!~regex");
        }
        String name = m.group(1);
        String op = m.group(2);
        String value = unquote(m.group(3));
        if (!Labels.ALL.contains(name)) {
            throw new IllegalArgumentException("matcher '" + text + "': unknown label '" + name + "'; labels are "
                    + Labels.ALL.stream().sorted().toList());
        }
        if (value.contains("*") && (op.equals("=") || op.equals("!="))) {
            return new Silence.Matcher(name, op.equals("=") ? "=~" : "!~", Globs.regex(value));
        }
        Silence.Matcher matcher = new Silence.Matcher(name, op, value);
        check(matcher);
        return matcher;
    }

    /** Throws when a regular-expression matcher does not compile, naming it. */
    public static void check(Silence.Matcher m) {
        if (m.op().endsWith("~")) {
            try {
                Pattern.compile(m.value());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("matcher " + m + ": not a regular expression (" + e.getDescription() + ")");
            }
        }
    }

    /** True when every matcher matches the labels. */
    public static boolean matchAll(List<Silence.Matcher> matchers, Map<String, String> labels) {
        for (Silence.Matcher m : matchers) {
            if (!matches(m, labels.getOrDefault(m.name(), ""))) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(Silence.Matcher m, String value) {
        return switch (m.op()) {
            case "=" -> m.value().equals(value);
            case "!=" -> !m.value().equals(value);
            case "=~" -> value.matches(m.value());
            case "!~" -> !value.matches(m.value());
            default -> false; // an operator this version does not know matches nothing: the silence holds nothing back
        };
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
