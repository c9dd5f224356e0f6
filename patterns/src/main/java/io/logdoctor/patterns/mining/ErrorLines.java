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

    private static final Pattern ERROR = Pattern.compile(
            "(?i:\\b(?:level|lvl|severity)\\W{0,3}(?:error|err|fatal|critical|crit|panic)\\b)"
                    + "|\\b(?:ERROR|FATAL|CRITICAL|CRIT|PANIC|ERR)\\b"
                    + "|(?i:\\[(?:error|fatal|critical|crit|panic)])"
                    + "|\\w(?:Exception|Error)\\b|\\bTraceback \\(most recent call last\\)|\\bpanic: "
                    + "|^[EF]\\d{4} \\d\\d:\\d\\d:\\d\\d"
                    + "|\\bexit(?:ed)?(?: with)? (?:code|status)[ =:]*[1-9]\\d*"
                    + "|\\bexit_code\\W{0,3}[1-9]");

    /** The hints as they sit in a JSON string: every line {@link #test} accepts holds one. */
    private static final JsonLiteralFilter HINTS_IN_JSON = JsonLiteralFilter.of(List.of(HINTS));

    private ErrorLines() {
    }

    /** True if {@code line} looks like an error report. */
    public static boolean test(String line) {
        if (line == null) {
            return false;
        }
        for (String hint : HINTS) {
            if (line.contains(hint)) {
                return ERROR.matcher(line).find();
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
