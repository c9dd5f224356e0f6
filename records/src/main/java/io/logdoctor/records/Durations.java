package io.logdoctor.records;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of every setting and flag: a whole number and a unit ({@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 1h}, {@code 1d}), or ISO-8601 as {@link Duration#parse} reads it ({@code PT1H},
 * {@code P1D}); never negative. Units are case-insensitive; a bare number is refused, since nothing says whether it is
 * seconds or milliseconds.
 */
public final class Durations {

    /** What {@link #parse} accepts, as error messages say it. */
    public static final String ACCEPTED = "a duration such as 500ms, 30s, 5m, 1h, 1d or ISO-8601 PT1H";

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException quoting the text and saying what is accepted
     */
    public static Duration parse(String text) {
        String v = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                Duration d = Duration.parse(v.toUpperCase(Locale.ROOT));
                if (!d.isNegative()) {
                    return d;
                }
            }
            Matcher m = SHORT.matcher(v);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // falls through to the one message below
        }
        throw new IllegalArgumentException("'" + text + "' is not " + ACCEPTED);
    }

    /** The shortest text {@link #parse} reads back as {@code d} ({@code 1h}, {@code 90s}, {@code 250ms}). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
            return d.toString();
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms != 0 && ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }
}
