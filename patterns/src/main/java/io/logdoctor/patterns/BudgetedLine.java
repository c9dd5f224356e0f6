package io.logdoctor.patterns;

/**
 * A line that lets a regular expression read only so many characters. java.util.regex backtracks, so
 * a pattern like {@code (a+)+b} can take exponential time on a hostile line; every step it takes reads
 * a character through {@link #charAt}, so counting reads bounds its work without a thread or a clock.
 * When the budget is spent, {@code charAt} throws {@link Exhausted}, which unwinds out of the matcher.
 *
 * <p>One instance serves one line on one thread; {@link #allow} gives each pattern its own budget.
 */
final class BudgetedLine implements CharSequence {

    /** Thrown when the budget is spent. Shared and without a stack trace: it is control flow, not a bug. */
    static final class Exhausted extends RuntimeException {
        static final Exhausted INSTANCE = new Exhausted();

        private Exhausted() {
            super("regex work budget exhausted", null, false, false);
        }
    }

    private final CharSequence line;
    private long remaining;

    BudgetedLine(CharSequence line) {
        this.line = line;
    }

    /** Allows {@code reads} more character reads before {@link Exhausted}. */
    BudgetedLine allow(long reads) {
        remaining = reads;
        return this;
    }

    /** The unwrapped line, for logging. */
    CharSequence line() {
        return line;
    }

    @Override
    public char charAt(int index) {
        if (--remaining < 0) {
            throw Exhausted.INSTANCE;
        }
        return line.charAt(index);
    }

    @Override
    public int length() {
        return line.length();
    }

    /** Unbudgeted: the regex engine only asks for subsequences to hand out captured groups after a hit. */
    @Override
    public CharSequence subSequence(int start, int end) {
        return line.subSequence(start, end);
    }

    @Override
    public String toString() {
        return line.toString();
    }
}
