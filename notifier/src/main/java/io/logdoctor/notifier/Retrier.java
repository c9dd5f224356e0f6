package io.logdoctor.notifier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * Retries one delivery until it is delivered, rejected for good, or no longer ours to deliver.
 *
 * <p>Transient failures are retried forever: dropping a page because PagerDuty had a bad hour is
 * the failure an alerting pipeline must not have. The cost is that this destination's queue waits
 * (the others go on), so a delivery that keeps failing says so: from the {@code stuckAfterAttempts}-th failure on,
 * each one is logged as {@code STUCK} with how long and why.
 */
final class Retrier {

    /** What became of a delivery. */
    enum Result { DELIVERED, REJECTED, ABORTED }

    /** A Retry-After beyond this is a misbehaving endpoint; wait this long and ask again. */
    static final Duration RETRY_AFTER_MAX = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(Retrier.class);

    /** One attempt at delivering. */
    @FunctionalInterface
    interface Attempt {
        Outcome run() throws InterruptedException;
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;

    Retrier(RetryPolicy policy, Sleeper sleeper, Clock clock, DoubleSupplier random) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
    }

    /** Runs {@code attempt} until it is done or {@code keepGoing} turns false; {@code what} names it in the log. */
    Result run(String what, Attempt attempt, BooleanSupplier keepGoing) throws InterruptedException {
        Instant start = clock.instant();
        for (int n = 1; keepGoing.getAsBoolean(); n++) {
            Outcome outcome = attempt.run();
            if (outcome instanceof Outcome.Delivered) {
                if (n > 1) {
                    log.info("{}: delivered after {} attempts", what, n);
                }
                return Result.DELIVERED;
            }
            if (outcome instanceof Outcome.Rejected rejected) {
                log.error("{}: rejected, not retried (the request itself is refused): {}", what, rejected.reason());
                return Result.REJECTED;
            }
            Outcome.Retry retry = (Outcome.Retry) outcome;
            Duration wait = delay(n, retry.retryAfter());
            if (n >= policy.stuckAfterAttempts()) {
                log.warn("STUCK: {}: failing for {} s ({} attempts), next in {} ms; later transitions to this destination wait: {}",
                        what, Duration.between(start, clock.instant()).toSeconds(), n, wait.toMillis(), retry.reason());
            } else {
                log.warn("{}: attempt {} failed, retrying in {} ms: {}", what, n, wait.toMillis(), retry.reason());
            }
            sleeper.sleep(wait);
        }
        log.info("{}: abandoned (stopping, or its partition moved to another instance, which will deliver it)", what);
        return Result.ABORTED;
    }

    /**
     * The wait before attempt {@code n + 1}: the endpoint's Retry-After if it gave one, else
     * exponential backoff with "equal jitter" (half fixed, half random) so many notifiers that
     * failed together do not retry together.
     */
    Duration delay(int n, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(RETRY_AFTER_MAX) > 0 ? RETRY_AFTER_MAX : retryAfter;
        }
        long initial = policy.initial().toMillis();
        long max = policy.max().toMillis();
        long base = n > 40 ? max : Math.min(max, initial << Math.min(n - 1, 40));
        if (base <= 0) {
            base = max;
        }
        return Duration.ofMillis(base / 2 + (long) (random.getAsDouble() * (base - base / 2)));
    }
}
