package io.logdoctor.records;

/**
 * Text that counts every character java.util.regex reads from it against one allowance shared by
 * all the redaction rules run on a line. The engine backtracks, so the count is the real work
 * done; when the allowance is spent {@link #charAt} throws {@link Spent}, which unwinds out of the
 * matcher and lets {@link Redactor} fall back to masking the whole line.
 */
final class MeteredText implements CharSequence {

    /** The allowance is spent. Shared and without a stack trace: control flow, not a bug. */
    static final class Spent extends RuntimeException {
        static final Spent INSTANCE = new Spent();

        private Spent() {
            super("redaction work allowance spent", null, false, false);
        }
    }

    /** The reads left for one line, shared by the {@code MeteredText} of each rewrite of it. */
    static final class Allowance {
        private long left;

        Allowance(long reads) {
            this.left = reads;
        }

        void take() {
            if (--left < 0) {
                throw Spent.INSTANCE;
            }
        }

        long left() {
            return left;
        }
    }

    private final String text;
    private final Allowance allowance;

    MeteredText(String text, Allowance allowance) {
        this.text = text;
        this.allowance = allowance;
    }

    @Override
    public char charAt(int index) {
        allowance.take();
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    /** Unmetered: the engine asks for it only to hand out a group after a hit, which is bounded by the hit. */
    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
