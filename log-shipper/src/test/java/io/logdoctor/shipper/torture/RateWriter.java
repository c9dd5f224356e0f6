package io.logdoctor.shipper.torture;

import java.io.IOException;
import java.util.List;
import java.util.Random;

/**
 * Appends lines at a fixed total rate, round robin over the containers, and rotates each container when
 * its file passes a size drawn anew for every rotation between {@code minRotateBytes} and
 * {@code maxRotateBytes} (kubelet's containerLogMaxSize is 10 Mi by default; smaller sizes rotate more).
 * Runs on the caller's thread; falls behind rather than bursting when the machine is busy.
 */
final class RateWriter {

    private final List<ContainerLog> logs;
    private final long minRotateBytes;
    private final long maxRotateBytes;
    private final Random random;
    private final Journal journal;
    private final long[] rotateAt;

    RateWriter(List<ContainerLog> logs, long minRotateBytes, long maxRotateBytes, Random random, Journal journal) {
        this.logs = logs;
        this.minRotateBytes = minRotateBytes;
        this.maxRotateBytes = maxRotateBytes;
        this.random = random;
        this.journal = journal;
        this.rotateAt = new long[logs.size()];
        for (int i = 0; i < rotateAt.length; i++) {
            rotateAt[i] = nextThreshold();
        }
    }

    /**
     * Writes {@code linesPerSecond} lines a second for {@code seconds}.
     *
     * @return the rate achieved, lines per second
     */
    double run(int linesPerSecond, int seconds) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long total = (long) linesPerSecond * seconds;
        for (long i = 0; i < total; i++) {
            int c = (int) (i % logs.size());
            ContainerLog log = logs.get(c);
            log.writeLine();
            if (log.size() >= rotateAt[c] && log.millisUntilRotationAllowed() == 0) {
                journal.note(log.rotate());
                rotateAt[c] = nextThreshold();
            }
            long wait = start + (i + 1) * 1_000_000_000L / linesPerSecond - System.nanoTime();
            if (wait > 2_000_000) {
                Thread.sleep(wait / 1_000_000);
            }
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    private long nextThreshold() {
        return minRotateBytes + (long) (random.nextDouble() * (maxRotateBytes - minRotateBytes));
    }
}
