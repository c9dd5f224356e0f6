package io.logdoctor.shipper.lambda;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The bytes every request of the receiver may hold at once, together ({@link LambdaConfig#inflightBytes()}):
 * what bounds the receiver's memory by design, whatever the number of concurrent requests. A request
 * opens a {@link Claim}, reserves as it reads and inflates ({@link RequestBudget}) and releases everything
 * when answered.
 *
 * <p>When the budget is full, the request holding the most (the oldest on a tie) waits a little for the
 * others to let go, and every other request is refused at once. Refusing all of them instead would let
 * concurrent decompression bombs, which all grow in step, fill the budget together and be answered 503
 * for ever, never reaching the 413 that stops a sender's retries; refusing only the newest would starve a
 * large request behind small ones.
 */
final class InflightBudget {

    /** How long the largest request waits for the others to release before it is refused too. */
    static final Duration LARGEST_WAITS = Duration.ofSeconds(2);

    /** What one request holds. */
    static final class Claim {
        private final long order;
        private long held;

        private Claim(long order) {
            this.order = order;
        }

        private boolean before(Claim other) {
            return held != other.held ? held > other.held : order < other.order;
        }
    }

    private final long capacity;
    private final long waitMillis;
    private final Set<Claim> claims = new LinkedHashSet<>();
    private long used;
    private long opened;
    private long refusals;

    InflightBudget(long capacity) {
        this(capacity, LARGEST_WAITS);
    }

    InflightBudget(long capacity, Duration largestWaits) {
        this.capacity = capacity;
        this.waitMillis = largestWaits.toMillis();
    }

    synchronized Claim open() {
        Claim claim = new Claim(opened++);
        claims.add(claim);
        return claim;
    }

    /** Adds {@code bytes} to {@code claim} if they fit (waiting when it is the largest), else counts a refusal and adds nothing. */
    synchronized boolean reserve(Claim claim, long bytes) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (used + bytes > capacity) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0 || claim.held + bytes > capacity || !isLargest(claim)) {
                refusals++;
                return false;
            }
            wait(left);
        }
        used += bytes;
        claim.held += bytes;
        return true;
    }

    /** Releases all {@code claim} holds and forgets it. */
    synchronized void close(Claim claim) {
        if (claims.remove(claim)) {
            used -= claim.held;
            claim.held = 0;
            notifyAll();
        }
    }

    private boolean isLargest(Claim claim) {
        for (Claim other : claims) {
            if (other != claim && other.before(claim)) {
                return false;
            }
        }
        return true;
    }

    long capacity() {
        return capacity;
    }

    synchronized long used() {
        return used;
    }

    synchronized long refusals() {
        return refusals;
    }
}
