package io.logdoctor.notifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether one destination is failing: how many attempts in a row failed, since when, and why. It is
 * "failing" from the {@code failingAfterAttempts}-th failure in a row until the next success, so one
 * 503 is not news but a destination that keeps failing shows in /readyz and the metrics.
 * Written by the destination's worker, read by the HTTP thread: synchronized.
 */
final class DestinationHealth {

    private final int failingAfterAttempts;
    private final Clock clock;
    private int failures;
    private Instant since;
    private String reason;

    DestinationHealth(int failingAfterAttempts, Clock clock) {
        this.failingAfterAttempts = failingAfterAttempts;
        this.clock = clock;
    }

    synchronized void record(Outcome outcome) {
        if (outcome instanceof Outcome.Retry retry) {
            if (failures++ == 0) {
                since = clock.instant();
            }
            reason = retry.reason();
        } else {
            // delivered, or refused for good: either way the endpoint answers
            failures = 0;
            since = null;
            reason = null;
        }
    }

    synchronized boolean failing() {
        return failures >= failingAfterAttempts;
    }

    /** "ok", or how long and why it has been failing. */
    synchronized String describe() {
        if (failures == 0) {
            return "ok";
        }
        String what = failing() ? "FAILING" : "retrying";
        return what + " for " + Duration.between(since, clock.instant()).toSeconds() + " s (" + failures + " attempts): " + reason;
    }
}
