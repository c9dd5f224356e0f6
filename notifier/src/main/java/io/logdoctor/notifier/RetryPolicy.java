package io.logdoctor.notifier;

import java.time.Duration;

/**
 * How failed deliveries are retried: exponential backoff from {@code initial} doubling up to
 * {@code max}, with jitter; a 429's Retry-After replaces the computed wait. Transient failures are
 * retried forever (a diagnosis is never dropped because Slack or PagerDuty was down); after
 * {@code stuckAfterAttempts} failures each further one is logged as STUCK.
 */
public record RetryPolicy(Duration initial, Duration max, int stuckAfterAttempts) {

    /** 1 s doubling to 5 min; stuck after 5 attempts (about half a minute). */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 5);

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry: need 0 < initial <= max; was initial " + initial + ", max " + max);
        }
        if (stuckAfterAttempts < 1) {
            throw new IllegalArgumentException("retry: stuckAfterAttempts must be at least 1; was " + stuckAfterAttempts);
        }
    }
}
