package io.logdoctor.patterns;

import io.logdoctor.records.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Counts the lines on which a pattern ran out of regex budget, and logs them with the signature and a
 * cut excerpt of the line: the first at once, then at most one per interval with how many were not
 * logged, so a flood of hostile lines cannot flood the log too. Thread-safe.
 */
final class BudgetTrips {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureMatcher.class);
    static final int EXCERPT_CHARS = 200;
    private static final int REDACT_WINDOW = 4096;

    private final LongAdder trips = new LongAdder();
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong nextLogAt;
    private final LongSupplier nanoTime;
    private final long intervalNanos;

    BudgetTrips(LongSupplier nanoTime, long interval, TimeUnit unit) {
        this.nanoTime = nanoTime;
        this.intervalNanos = unit.toNanos(interval);
        this.nextLogAt = new AtomicLong(nanoTime.getAsLong());
    }

    static BudgetTrips everyMinute() {
        return new BudgetTrips(System::nanoTime, 1, TimeUnit.MINUTES);
    }

    /** Counts one trip; returns whether it was logged. */
    boolean record(Signature signature, String pattern, CharSequence line) {
        trips.increment();
        long now = nanoTime.getAsLong();
        long due = nextLogAt.get();
        if (now - due < 0 || !nextLogAt.compareAndSet(due, now + intervalNanos)) {
            unlogged.incrementAndGet();
            return false;
        }
        LOG.warn("signature {} pattern '{}' ran out of regex budget on a line of {} chars; counted as no match "
                        + "({} earlier trips not logged): {}",
                signature.id(), pattern, line.length(), unlogged.getAndSet(0), excerpt(line));
        return true;
    }

    long count() {
        return trips.sum();
    }

    /** The start of the line, secrets redacted, control characters shown as '?', marked when cut. */
    static String excerpt(CharSequence whole) {
        // Redact a window well past the cut, so a secret that straddles the cut is seen whole.
        String line = Redactor.redact(whole.subSequence(0, Math.min(whole.length(), REDACT_WINDOW)).toString());
        int n = Math.min(line.length(), EXCERPT_CHARS);
        StringBuilder out = new StringBuilder(n + 16);
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (n < whole.length()) {
            out.append("...(").append(whole.length() - n).append(" more chars)");
        }
        return out.toString();
    }
}
