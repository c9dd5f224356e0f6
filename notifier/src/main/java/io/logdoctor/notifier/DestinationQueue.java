package io.logdoctor.notifier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;

/**
 * The deliveries waiting for one destination, in the order they were read, and the thread that
 * sends them one at a time with the destination's own retries and backoff. A destination that fails
 * holds back only its own queue; the others go on. The queue is bounded: when it is full the
 * consumer stops reading until it has room ({@link DiagnosisLoop}).
 *
 * <p>Nothing leaves the queue until it is delivered or refused for good, so the offset of the first
 * delivery of a partition still queued is how far that partition is done for this destination
 * ({@link #pendingFrom}); the consumer commits no further than the lowest of these.
 */
final class DestinationQueue {

    private static final Logger log = LoggerFactory.getLogger(DestinationQueue.class);

    private final Destination destination;
    private final int capacity;
    private final Deque<Delivery> queue = new ArrayDeque<>();
    private final Deliverer deliverer;
    private final DestinationHealth health;
    /** A delivery read at an older epoch of its partition is no longer ours. */
    private final PartitionEpochs epochs;
    private final Thread worker;
    private volatile boolean stopping;
    /** Bumped by each drop, so a retry waiting in {@link #sleep} knows to look again. */
    private long drops;

    /** {@code deliverer} is made with this queue's sleeper ({@link #sleep}), so a drop or stop wakes a waiting retry. */
    DestinationQueue(Destination destination, int capacity, Function<Sleeper, Deliverer> deliverer,
                     DestinationHealth health, PartitionEpochs epochs) {
        this.destination = destination;
        this.capacity = capacity;
        this.deliverer = deliverer.apply(this::sleep);
        this.health = health;
        this.epochs = epochs;
        this.worker = new Thread(this::run, "logdoctor-notifier-" + destination);
        this.worker.setDaemon(true);
    }

    void start() {
        worker.start();
    }

    Destination destination() {
        return destination;
    }

    DestinationHealth health() {
        return health;
    }

    /** Queues {@code d}; false (and nothing queued) when full. */
    synchronized boolean offer(Delivery d) {
        if (queue.size() >= capacity) {
            return false;
        }
        queue.addLast(d);
        notifyAll();
        return true;
    }

    synchronized boolean hasRoom() {
        return queue.size() < capacity;
    }

    synchronized int size() {
        return queue.size();
    }

    /** The offset of the first delivery of {@code partition} still queued (in flight included), or -1. */
    synchronized long pendingFrom(int partition) {
        for (Delivery d : queue) {
            if (d.partition() == partition) {
                return d.offset();
            }
        }
        return -1;
    }

    /** Forgets the deliveries of partitions no longer ours, and wakes a retry of one of them so it gives up. */
    synchronized void drop(Set<Integer> partitions) {
        queue.removeIf(d -> partitions.contains(d.partition()));
        drops++;
        notifyAll();
    }

    /** Stops after the attempt in flight; what is queued stays uncommitted and is sent after a restart. */
    void stop() {
        stopping = true;
        synchronized (this) {
            notifyAll();
        }
    }

    void join(Duration timeout) throws InterruptedException {
        worker.join(timeout.toMillis());
    }

    private void run() {
        try {
            while (!stopping) {
                Delivery next = next();
                if (next == null) {
                    continue;
                }
                Retrier.Result result = deliverer.deliver(destination, Alert.of(next.diagnosis()), next.transition(),
                        () -> !stopping && epochs.current(next.partition()) == next.epoch());
                if (result != Retrier.Result.ABORTED) {
                    remove(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("delivery thread of {} failed; its deliveries stay uncommitted until a restart", destination, e);
        }
    }

    /** The head of the queue, left in place while it is delivered; null after a wait with nothing there. */
    private synchronized Delivery next() throws InterruptedException {
        if (queue.isEmpty()) {
            wait(1000);
        }
        return queue.peekFirst();
    }

    private synchronized void remove(Delivery d) {
        // by identity: a drop may have removed it meanwhile
        for (Iterator<Delivery> it = queue.iterator(); it.hasNext(); ) {
            if (it.next() == d) {
                it.remove();
                break;
            }
        }
        notifyAll();
    }

    /** The retry wait, cut short by {@link #drop} or {@link #stop}; the retrier then sees whether to go on. */
    private synchronized void sleep(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        long seen = drops;
        for (long left = duration.toMillis(); left > 0 && !stopping && drops == seen; left = (end - System.nanoTime()) / 1_000_000) {
            wait(left);
        }
    }
}
