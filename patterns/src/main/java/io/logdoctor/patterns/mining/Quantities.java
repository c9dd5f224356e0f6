package io.logdoctor.patterns.mining;

import java.util.Set;

/**
 * Units of sizes and durations, so a number and its unit become one variable whether they are written
 * together ({@code 10MB}, {@code 250ms}) or apart ({@code 1.16 KB}, {@code <1 sec}): the two spellings,
 * and a line that gives a size twice ({@code 1190 bytes (1.16 KB)}), then belong to one template.
 */
final class Quantities {

    private static final Set<String> SIZE_UNITS = Set.of("B", "KB", "kB", "MB", "GB", "TB", "PB", "KiB", "MiB",
            "GiB", "TiB", "kb", "mb", "gb", "byte", "bytes", "Bytes");

    private static final Set<String> TIME_UNITS = Set.of("ns", "us", "µs", "ms", "s", "sec", "secs", "second",
            "seconds", "min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour", "hours", "day", "days");

    private Quantities() {
    }

    /** The mask of a unit written alone ({@code KB}, {@code sec}), or null if it is no unit. */
    static String unit(String s, int a, int b) {
        String word = s.substring(a, b);
        if (SIZE_UNITS.contains(word)) {
            return Masker.SIZE;
        }
        return TIME_UNITS.contains(word) ? Masker.DURATION : null;
    }

    /**
     * The mask of a number glued to its unit: a Go-style duration ({@code 1.5s}, {@code 1h2m3s}), a
     * clock-style one ({@code 00:01}, {@code 16:00:46.635}), or a size ({@code 10MB}); null for anything else.
     */
    static String glued(String s, int a, int b) {
        if (isClock(s, a, b)) {
            return Masker.DURATION;
        }
        int i = a;
        boolean any = false;
        boolean time = true;
        while (i < b) {
            int d = i;
            while (i < b && (s.charAt(i) >= '0' && s.charAt(i) <= '9' || s.charAt(i) == '.')) {
                i++;
            }
            if (i == d) {
                return null;
            }
            int u = i;
            while (i < b && Character.isLetter(s.charAt(i))) {
                i++;
            }
            if (u == i) {
                return null;
            }
            // "m" is minutes only glued between other parts (1h2m3s); alone it could be metres
            String type = i - u == 1 && s.charAt(u) == 'm' ? Masker.DURATION : unit(s, u, i);
            if (type == null || any && type == Masker.SIZE) {
                return null;
            }
            time &= type == Masker.DURATION;
            any = true;
        }
        return !any ? null : time ? Masker.DURATION : Masker.SIZE;
    }

    /** {@code mm:ss} or {@code hh:mm:ss}, with an optional fraction of a second. */
    private static boolean isClock(String s, int a, int b) {
        Masker.DigitGroups clock = Masker.DigitGroups.scan(s, a, b, ':', 2, 2);
        if (clock == null || clock.separators() == 0 || clock.lastDigits() != 2) {
            return false;
        }
        int i = clock.end();
        if (i < b && s.charAt(i) == '.') {
            int f = ++i;
            while (i < b && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            return i == b && i > f;
        }
        return i == b;
    }
}
