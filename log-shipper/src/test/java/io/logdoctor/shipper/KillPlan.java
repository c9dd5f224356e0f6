package io.logdoctor.shipper;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The kill -9 ITs' killer: a thread that, after each delay of the plan, SIGKILLs the current child process
 * (no shutdown hook, no final commit), waits for it to die and starts the next one.
 */
final class KillPlan {

    /** Starts a child process. */
    @FunctionalInterface
    interface Starter {
        Process start() throws IOException;
    }

    final AtomicReference<Process> child = new AtomicReference<>();
    final AtomicInteger kills = new AtomicInteger();
    private final Thread thread;

    /** Starts the first child now and the killer thread (not yet running: {@link #begin}). */
    KillPlan(long[] delaysMillis, Starter starter, String name) throws IOException {
        child.set(starter.start());
        thread = new Thread(() -> {
            try {
                for (long delay : delaysMillis) {
                    Thread.sleep(delay);
                    child.get().destroyForcibly();
                    child.get().waitFor(10, TimeUnit.SECONDS);
                    kills.incrementAndGet();
                    child.set(starter.start());
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, name);
    }

    void begin() {
        thread.start();
    }

    boolean running() {
        return thread.isAlive();
    }

    void join() throws InterruptedException {
        thread.join();
    }

    /** Stops the killer and kills the last child. */
    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join();
        child.get().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
