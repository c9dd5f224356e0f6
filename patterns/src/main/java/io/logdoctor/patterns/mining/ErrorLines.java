package io.logdoctor.patterns.mining;

import io.logdoctor.patterns.JsonLiteralFilter;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a line looks like an error: a level of error, fatal, critical or panic in any of the usual
 * spellings (JSON {@code "level":"error"}, logfmt {@code level=error}, {@code ERROR}, {@code [error]}), a
 * Java {@code Exception}, a Python {@code Traceback}, a Go {@code panic:}, a klog {@code E0102}/{@code F0102}
 * header, or a non-zero exit. Cheap on the common case: a line holding none of a few literal hints is
 * refused without a regular expression, so the streams app can ask about every line.
 */
public final class ErrorLines {

    private static final String[] HINTS = {"rror", "RROR", "atal", "ATAL", "ritical", "RITICAL", "CRIT", "anic",
            "ANIC", "xception", "Traceback", "xit", "XIT", "E0", "E1", "F0", "F1"};

    // The alternatives of one error pattern (ErrorLinesTest keeps it whole and checks these agree with it), each run only
    // when the line holds what it needs: as one regex, every line with a hint ran all of them at every position, a
    // sixth of the streams app's CPU (BENCHMARKS.md, issue 16).
    private static final Pattern UPPER_WORD = Pattern.compile("\\b(?:ERROR|FATAL|CRITICAL|CRIT|PANIC|ERR)\\b");
    private static final Pattern LEVEL_OR_BRACKET = Pattern.compile(
            "(?i:\\b(?:level|lvl|severity)\\W{0,3}(?:error|err|fatal|critical|crit|panic)\\b)"
                    + "|(?i:\\[(?:error|fatal|critical|crit|panic)])");
    private static final Pattern THROWN = Pattern.compile("\\w(?:Exception|Error)\\b");
    private static final Pattern TRACEBACK_OR_PANIC = Pattern.compile("\\bTraceback \\(most recent call last\\)|\\bpanic: ");
    private static final Pattern KLOG = Pattern.compile("[EF]\\d{4} \\d\\d:\\d\\d:\\d\\d");
    private static final Pattern EXIT = Pattern.compile("\\bexit(?:ed)?(?: with)? (?:code|status)[ =:]*[1-9]|\\bexit_code\\W{0,3}[1-9]");

    /** The hints as they sit in a JSON string: every line {@link #test} accepts holds one. */
    private static final JsonLiteralFilter HINTS_IN_JSON = JsonLiteralFilter.of(List.of(HINTS));

    private ErrorLines() {
    }

    /** True if {@code line} looks like an error report. */
    public static boolean test(String line) {
        if (line == null || !hinted(line)) {
            return false;
        }
        return (line.contains("ERR") || line.contains("FATAL") || line.contains("CRIT") || line.contains("PANIC"))
                && UPPER_WORD.matcher(line).find()
                || (line.contains("Exception") || line.contains("Error")) && THROWN.matcher(line).find()
                || (line.contains("Traceback") || line.contains("panic: ")) && TRACEBACK_OR_PANIC.matcher(line).find()
                || (line.startsWith("E") || line.startsWith("F")) && KLOG.matcher(line).lookingAt()
                || line.contains("exit") && EXIT.matcher(line).find()
                || (line.indexOf('[') >= 0 || hasLevelWord(line)) && LEVEL_OR_BRACKET.matcher(line).find();
    }

    private static boolean hinted(String line) {
        for (String hint : HINTS) {
            if (line.contains(hint)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code line} holds level, lvl or severity in any case (ASCII): what the level alternative starts with. */
    private static boolean hasLevelWord(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = (char) (line.charAt(i) | 0x20);
            if ((c == 'l' || c == 's') && (line.regionMatches(true, i, "level", 0, 5) || line.regionMatches(true, i, "lvl", 0, 3)
                    || line.regionMatches(true, i, "severity", 0, 8))) {
                return true;
            }
        }
        return false;
    }

    /** The literals one of which every line {@link #test} accepts holds. */
    public static List<String> hints() {
        return List.of(HINTS);
    }

    /**
     * False only if no line inside the JSON text {@code json} (a logs.raw record's bytes) can look like an
     * error: {@link #test} needs one of the hints, so a record none of whose strings holds one is no error.
     */
    public static boolean mayBeInJson(byte[] json) {
        return HINTS_IN_JSON.mayContain(json);
    }
}
