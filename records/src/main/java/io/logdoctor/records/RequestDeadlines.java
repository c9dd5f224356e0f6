package io.logdoctor.records;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request threads of one server, each request with a deadline on the client's part of the work.
 *
 * <p>The JDK server reads the request line and headers on the executor's thread, and a handler reads
 * the body there too, with blocking channel reads that have no timeout of their own (its only knobs,
 * the {@code sun.net.httpserver.maxReqTime}/{@code maxRspTime} system properties, are per JVM, read
 * once, and also count the handler's own work, such as waiting for Kafka). So each request starts
 * armed: when the client has not sent everything within the read timeout, the thread is interrupted,
 * which closes the blocked {@code SocketChannel} ({@code ClosedByInterruptException}), and the JDK
 * server drops that connection. The guard disarms once the body is read, and re-arms around each write
 * of the answer. A sweep every {@link #SWEEP_MILLIS} checks, so a deadline fires up to that much late.
 *
 * <p>A fixed pool with no queue: a connection that finds every thread busy is closed by the JDK server
 * at once (its dispatcher catches the rejection), so nothing waits unbounded in a queue.
 */
final class RequestDeadlines implements Executor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RequestDeadlines.class);
    static final long SWEEP_MILLIS = 250;
    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService sweeper;
    private final Set<Deadline> active = ConcurrentHashMap.newKeySet();
    private final long timeoutNanos;
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    RequestDeadlines(String name, int threads, Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-deadlines");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The deadline of the request on this thread, or null off a request thread. */
    static Deadline current() {
        return CURRENT.get();
    }

    @Override
    public void execute(Runnable exchange) {
        try {
            pool.execute(() -> run(exchange));
        } catch (RejectedExecutionException e) {
            rejected.incrementAndGet();
            throw e; // the JDK dispatcher closes the connection
        }
    }

    private void run(Runnable exchange) {
        Deadline deadline = new Deadline(Thread.currentThread());
        deadline.arm();
        active.add(deadline);
        CURRENT.set(deadline);
        try {
            exchange.run();
        } finally {
            deadline.finish();
            active.remove(deadline);
            CURRENT.remove();
            Thread.interrupted(); // an interrupt that raced with the end must not hit the next request
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Deadline d : active) {
            if (d.interruptIfExpired(now)) {
                timeouts.incrementAndGet();
                log.info("HTTP client too slow: no complete request or read of the answer within {} ms; disconnected it",
                        TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
            }
        }
    }

    long timeouts() {
        return timeouts.get();
    }

    long rejected() {
        return rejected.get();
    }

    /** Lets requests in flight finish for up to {@code drain}, then stops the threads. */
    void close(Duration drain) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        sweeper.shutdownNow();
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    /** One request's deadline: armed while the server waits for its client. */
    final class Deadline {
        private final Thread thread;
        private long expiresAt;
        private boolean armed;
        private boolean finished;

        private Deadline(Thread thread) {
            this.thread = thread;
        }

        synchronized void arm() {
            armed = true;
            expiresAt = System.nanoTime() + timeoutNanos;
        }

        synchronized void disarm() {
            armed = false;
        }

        private synchronized void finish() {
            finished = true;
        }

        private synchronized boolean interruptIfExpired(long now) {
            if (finished || !armed || now - expiresAt < 0) {
                return false;
            }
            armed = false;
            thread.interrupt();
            return true;
        }
    }
}
