package io.logdoctor.shipper.testing;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kills a child shipper with SIGKILL three times and starts it again each time, on its own thread. The kills do
 * not wait for anything: the first at random, the second 0.1 to 1 s after the first restart (while the shipper is
 * still starting), the third at random. The plan comes from a seed, printed by the tests, so a run can be repeated.
 */
public final class ChildKiller implements AutoCloseable {

    /** Starts one child shipper. */
    public interface Starter {
        Process start() throws IOException;
    }

    private final long seed;
    private final long[] plan;
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicReference<Process> child;
    private final Thread thread;

    /** Starts the first child now; {@link #begin} starts the kills. */
    public ChildKiller(long seed, Starter starter) throws IOException {
        this(seed, 1500, starter);
    }

    /** As above, the first kill no sooner than {@code firstFromMillis} after the first start (a slower child's start-up). */
    public ChildKiller(long seed, int firstFromMillis, Starter starter) throws IOException {
        this.seed = seed;
        Random random = new Random(seed);
        this.plan = new long[] {firstFromMillis + random.nextInt(2500), 100 + random.nextInt(900), 2000 + random.nextInt(3000)};
        this.child = new AtomicReference<>(starter.start());
        this.thread = new Thread(() -> {
            try {
                for (long delay : plan) {
                    Thread.sleep(delay);
                    child.get().destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                    child.get().waitFor(10, TimeUnit.SECONDS);
                    kills.incrementAndGet();
                    child.set(starter.start());
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "child-killer");
    }

    public void begin() {
        thread.start();
    }

    public boolean killing() {
        return thread.isAlive();
    }

    public void awaitKills() throws InterruptedException {
        thread.join();
    }

    public int kills() {
        return kills.get();
    }

    /** The seed and the delays, for the test's printout. */
    public String plan() {
        return "seed " + seed + ", kills after " + Arrays.toString(plan) + " ms";
    }

    /** Stops killing and kills the child that runs now. */
    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
        child.get().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
