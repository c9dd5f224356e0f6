package io.logdoctor.patterns;

/**
 * How many character reads one pattern may spend on one line: a fixed allowance plus some per
 * character, so long lines get proportionally more. A sound pattern reads each position a handful
 * of times (the bundled catalogue's fixtures stay under 10 reads per character, see
 * RegexBudgetTest); catastrophic backtracking reads it millions of times.
 *
 * @param base    reads every line gets, whatever its length
 * @param perChar reads added per character of the line
 */
record RegexBudget(long base, long perChar) {

    /** 1 ms to 10 ms of regex work on a short line; about 100 reads per character on a long one. */
    static final RegexBudget DEFAULT = new RegexBudget(100_000, 100);

    RegexBudget {
        if (base < 0 || perChar < 0) {
            throw new IllegalArgumentException("a regex budget cannot be negative; was base " + base + ", perChar " + perChar);
        }
    }

    long readsFor(CharSequence line) {
        return base + perChar * line.length();
    }
}
