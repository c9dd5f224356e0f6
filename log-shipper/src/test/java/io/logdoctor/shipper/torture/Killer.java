package io.logdoctor.shipper.torture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * SIGKILLs the shipper at random points and restarts it at once, as a crash-looping DaemonSet pod is:
 * {@code kills} times (3 to 5) within the writing window, one pair within 3 s of each other and one
 * kill 0.1 to 1 s after a restart, while the shipper is still starting. Between a kill and its
 * restart, the containers whose mode rotates while down are rotated (waiting, shipper still down, where
 * the rotator allows no rotation yet: kubelet's 3 s floor). A shipper that exits on its own is
 * noted and restarted too.
 */
final class Killer implements Runnable {

    private final ShipperProcess shipper;
    private final List<ContainerLog> logs;
    private final Journal journal;
    private final List<Long> delaysMillis;
    private volatile boolean stopped;
    private int kills;
    private int crashes;

    Killer(ShipperProcess shipper, List<ContainerLog> logs, Journal journal, int kills, long windowMillis, Random random) {
        this.shipper = shipper;
        this.logs = logs;
        this.journal = journal;
        this.delaysMillis = plan(kills, windowMillis, random);
    }

    /**
     * Delays from each (re)start to the next kill: [free, 1-3 s, (free), 0.1-1 s, (free)...]; the free
     * delays share 80% of the window at random.
     */
    static List<Long> plan(int kills, long windowMillis, Random random) {
        List<Long> delays = new ArrayList<>();
        if (kills == 0) {
            return delays;
        }
        if (kills < 3) {
            throw new IllegalArgumentException("kills must be 0 or 3 to 5; was " + kills);
        }
        int free = kills - 2;
        long share = windowMillis * 8 / 10 / free;
        for (int i = 0; i < kills; i++) {
            long d;
            if (i == 1) {
                d = 1000 + random.nextInt(2001);           // the second kill within 3 s of the first
            } else if (i == kills - (kills == 3 ? 1 : 2)) {
                d = 100 + random.nextInt(901);            // during start-up
            } else {
                d = share / 4 + (long) (random.nextDouble() * share * 3 / 4);
            }
            delays.add(d);
        }
        return delays;
    }

    @Override
    public void run() {
        try {
            for (long delay : delaysMillis) {
                if (!waitWatching(delay)) {
                    return;
                }
                shipper.kill();
                kills++;
                journal.note("killer: SIGKILL " + kills + " of " + delaysMillis.size() + ", " + delay + " ms after the last start");
                for (ContainerLog log : logs) {
                    for (int r = 0; r < log.mode().rotationsWhileDown(); r++) {
                        Thread.sleep(log.millisUntilRotationAllowed()); // the shipper stays down meanwhile
                        journal.note("while down: " + log.rotate());
                    }
                }
                shipper.start();
            }
            waitWatching(Long.MAX_VALUE);
        } catch (IOException | InterruptedException e) {
            journal.note("killer failed: " + e);
            throw new IllegalStateException("the killer failed", e);
        }
    }

    /** Sleeps {@code millis} or until stopped; restarts a shipper that exited by itself. False once stopped. */
    private boolean waitWatching(long millis) throws IOException, InterruptedException {
        long deadline = millis == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + millis * 1_000_000;
        while (!stopped && System.nanoTime() < deadline) {
            Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (shipper.exited()) {
                crashes++;
                journal.note("the shipper exited by itself with " + shipper.exitValue() + "; restarting it");
                shipper.start();
            }
        }
        return !stopped;
    }

    void stop() {
        stopped = true;
    }

    int kills() {
        return kills;
    }

    int crashes() {
        return crashes;
    }
}
