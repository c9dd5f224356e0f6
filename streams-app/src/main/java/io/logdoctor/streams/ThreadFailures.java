package io.logdoctor.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * The stream threads that died and were replaced. One failure can be a blip; a thread that keeps failing
 * (a record it can never get past) makes the app unready, so an orchestrator or an SRE sees it, instead
 * of a {@code /healthz} that says "running" while no diagnosis comes out (issue 10). Thread-safe.
 */
final class ThreadFailures {

    /** This many failures within {@link #WINDOW} make the app unready. */
    static final int LIMIT = 3;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final LongSupplier clock;
    private final Deque<Long> recent = new ArrayDeque<>();
    private long total;
    private String last = "";

    ThreadFailures(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    synchronized void record(Throwable failure) {
        total++;
        recent.addLast(clock.getAsLong());
        while (recent.size() > LIMIT) {
            recent.removeFirst();
        }
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        last = Excerpt.cut(cause.getClass().getName() + ": " + cause.getMessage(), 300);
    }

    synchronized long total() {
        return total;
    }

    /** Why the app is not ready, or null while threads do not keep failing. */
    synchronized String problem() {
        long now = clock.getAsLong();
        if (recent.size() < LIMIT || now - recent.peekFirst() > WINDOW.toMillis()) {
            return null;
        }
        return "stream threads failed " + LIMIT + " times in the last " + WINDOW.toMinutes() + " minutes (" + total
                + " in all); last: " + last;
    }
}
