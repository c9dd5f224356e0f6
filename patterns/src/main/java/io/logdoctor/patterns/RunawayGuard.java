package io.logdoctor.patterns;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Turns off a signature whose regex runs out of its work budget on more than a small share of the lines
 * it is tried on. The per-line budget stops one line from hanging a thread, not the slowdown: a pushed
 * catastrophic pattern such as {@code ((\w+\s?)+)+$} spends the whole budget on every line and cut the
 * app's throughput from 26,653 to 1,924 lines/s (issue 10). Disabled, it costs nothing until the
 * catalogue changes (a new catalogue makes a new matcher, and so a new guard). Thread-safe.
 */
final class RunawayGuard {

    /**
     * When to disable a signature.
     *
     * @param minTries no verdict on fewer tries: a few hostile lines must not turn off a sound signature
     * @param tripsPer a signature that trips on more than 1 in this many tries is disabled
     */
    record Limits(long minTries, long tripsPer) {
        /** More than 1 % of at least 100 tries. */
        static final Limits DEFAULT = new Limits(100, 100);
        /** Never disable: the matcher as it was before the guard, for the benchmark's "before" figure. */
        static final Limits NEVER = new Limits(Long.MAX_VALUE, 1);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SignatureMatcher.class);

    private final AtomicLongArray tries;
    private final AtomicLongArray trips;
    private final AtomicReferenceArray<String> disabled;
    private final Signature[] signatures;
    private final Limits limits;

    RunawayGuard(Signature[] signatures) {
        this(signatures, Limits.DEFAULT);
    }

    RunawayGuard(Signature[] signatures, Limits limits) {
        this.signatures = signatures;
        this.limits = limits;
        this.tries = new AtomicLongArray(signatures.length);
        this.trips = new AtomicLongArray(signatures.length);
        this.disabled = new AtomicReferenceArray<>(signatures.length);
    }

    boolean isDisabled(int signature) {
        return disabled.get(signature) != null;
    }

    /** Counts one try of {@code pattern} of a signature on a line, and whether it ran out of budget. */
    void tried(int signature, String pattern, boolean tripped) {
        long t = tries.incrementAndGet(signature);
        long k = tripped ? trips.incrementAndGet(signature) : trips.get(signature);
        if ((tripped || t == limits.minTries()) && t >= limits.minTries() && k * limits.tripsPer() > t) {
            disable(signature, pattern, k, t);
        }
    }

    private void disable(int index, String pattern, long tripCount, long tryCount) {
        Signature s = signatures[index];
        String reason = "regex budget: pattern '" + pattern + "' ran out of its work budget on " + tripCount + " of the "
                + tryCount + " lines it was tried on (more than 1 in " + limits.tripsPer() + ")";
        if (disabled.compareAndSet(index, null, reason)) {
            LOG.error("signature {} DISABLED until the catalogue changes: pattern {} '{}' ran out of regex budget on {} of the {}"
                            + " lines it was tried on (more than 1 in {}); fix its pattern and push it again",
                    s.id(), pattern, s.patterns().get(pattern), tripCount, tryCount, limits.tripsPer());
        }
    }

    /** The disabled signatures, by id, with why. */
    Map<String, String> disabled() {
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < signatures.length; i++) {
            String reason = disabled.get(i);
            if (reason != null) {
                out.put(signatures[i].id(), reason);
            }
        }
        return out;
    }
}
