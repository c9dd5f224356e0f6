package io.logdoctor.shipper;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes every request of the receiver may hold at once, together ({@link LambdaConfig#inflightBytes()}):
 * what bounds the receiver's memory by design, whatever the number of concurrent requests. A request
 * reserves as it reads and inflates ({@link RequestBudget}) and releases everything when answered.
 */
final class InflightBudget {

    private final long capacity;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();

    InflightBudget(long capacity) {
        this.capacity = capacity;
    }

    /** Takes {@code bytes} if they fit, else counts a refusal and takes nothing. */
    boolean tryReserve(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > capacity) {
                refusals.incrementAndGet();
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long capacity() {
        return capacity;
    }

    long used() {
        return used.get();
    }

    long refusals() {
        return refusals.get();
    }
}
