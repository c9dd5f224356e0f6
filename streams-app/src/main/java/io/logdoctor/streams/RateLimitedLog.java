package io.logdoctor.streams;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A WARN that a flood of bad records cannot turn into a flood of log lines: the first at once, then at
 * most one per interval, saying how many were not logged. Thread-safe.
 */
final class RateLimitedLog {

    private final Logger log;
    private final long intervalMs;
    private final AtomicLong nextAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong skipped = new AtomicLong();

    RateLimitedLog(Logger log, long intervalMs) {
        this.log = log;
        this.intervalMs = intervalMs;
    }

    void warn(String format, Object... args) {
        long now = System.currentTimeMillis();
        long due = nextAt.get();
        if (now < due || !nextAt.compareAndSet(due, now + intervalMs)) {
            skipped.incrementAndGet();
            return;
        }
        long before = skipped.getAndSet(0);
        log.warn(before == 0 ? format : format + " (" + before + " more like it not logged)", args);
    }
}
