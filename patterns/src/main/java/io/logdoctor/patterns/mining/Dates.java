package io.logdoctor.patterns.mining;

/**
 * English day and month names as whole tokens ({@code Fri}, {@code Jun}, {@code Monday}): the words of a
 * date such as {@code Fri Jun 17 07:07:00 2005}. They are variables like the numbers beside them; kept
 * as words, the few values they take would look like the few values of a constant (see
 * {@link TemplateMiner}'s splitting of low-cardinality words).
 */
final class Dates {

    private static final String[] NAMES = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Monday",
            "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Jan", "Feb", "Mar", "Apr", "May",
            "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "January", "February", "March", "April", "June", "July",
            "August", "September", "October", "November", "December"};

    private Dates() {
    }

    /** Whether {@code s[from, to)} is a day or month name, with an optional trailing comma. */
    static boolean isName(String s, int from, int to) {
        int end = to > from && s.charAt(to - 1) == ',' ? to - 1 : to;
        int len = end - from;
        if (len < 3 || len > 9 || s.charAt(from) < 'A' || s.charAt(from) > 'S') {
            return false;
        }
        for (String name : NAMES) { // no substring: most capitalised words are no date
            if (name.length() == len && name.charAt(0) == s.charAt(from) && s.startsWith(name, from)) {
                return true;
            }
        }
        return false;
    }
}
