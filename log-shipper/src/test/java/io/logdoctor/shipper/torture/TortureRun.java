package io.logdoctor.shipper.torture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs one case: a fresh pod tree and state dir, the counter, the shipper command, the writer at the
 * case's rate with the killer and the broker's outage beside it; then waits until every line has
 * arrived or none has arrived for {@link #QUIET_MILLIS}, and reads the figures.
 */
final class TortureRun {

    /** How long the drain waits without a new line before it calls the rest lost; generous for a loaded machine. */
    static final long QUIET_MILLIS = 45_000;
    private static final long MAX_DRAIN_MILLIS = 600_000;

    private TortureRun() {
    }

    /** What every case shares: the shipper command template, the topic it writes, where to work, the seed. */
    record Settings(List<String> shipperCommand, String topic, Path work, long seed) {
    }

    /** The figures of a case, its summary line and the directory with its logs. */
    record Report(List<ContainerResult> results, String summary, Path dir) {
    }

    static Report run(TortureCase c, TortureBroker broker, Settings settings) throws IOException, InterruptedException {
        String run = c.name() + "-" + Long.toString(System.currentTimeMillis(), 36);
        Path dir = Files.createDirectories(settings.work().resolve(run));
        Journal journal = new Journal(dir.resolve("journal.log"));
        Random random = new Random(settings.seed() ^ c.name().hashCode());
        int kills = c.kills() == -1 ? 3 + random.nextInt(3) : c.kills();
        List<ContainerLog> logs = new ArrayList<>();
        for (Mode m : c.modes()) {
            logs.add(new ContainerLog(dir.resolve("pods"), run, m));
        }
        Counter counter = new Counter(broker.bootstrap(), settings.topic(), run);
        Thread counting = new Thread(counter, "torture-counter");
        counting.start();
        ShipperProcess shipper = new ShipperProcess(settings.shipperCommand(), Map.of("bootstrap", broker.bootstrap(),
                "pods", dir.resolve("pods").toString(), "state", dir.resolve("state").toString(), "cluster", "torture",
                "node", run), dir.resolve("shipper.log"));
        Killer killer = new Killer(shipper, logs, journal, kills, c.seconds() * 1000L, random);
        Thread killing = new Thread(killer, "torture-killer");
        Thread outage = new Thread(() -> outage(broker, c, journal), "torture-outage");
        double rate;
        long drained;
        try {
            shipper.start();
            journal.note("case " + c + ", seed " + settings.seed() + ", " + kills + " kills planned");
            killing.start();
            if (c.outageSeconds() > 0) {
                outage.start();
            }
            rate = new RateWriter(logs, c.minRotateBytes(), c.maxRotateBytes(), random, journal)
                    .run(c.linesPerSecond(), c.seconds());
            journal.note("writer done at " + Math.round(rate) + " lines/s");
            killer.stop();
            killing.join();
            outage.join();
            long started = System.nanoTime();
            // Quiet counts from the drain's start at the earliest: a shipper still starting (slow on a
            // loaded machine) has not had its chance yet.
            while (!complete(counter, logs)
                    && Math.min(counter.quietMillis(), (System.nanoTime() - started) / 1_000_000) < QUIET_MILLIS
                    && System.nanoTime() - started < MAX_DRAIN_MILLIS * 1_000_000) {
                Thread.sleep(500);
            }
            drained = (System.nanoTime() - started) / 1_000_000;
            Thread.sleep(3000); // late duplicates
            journal.note("drain done after " + drained + " ms");
        } finally {
            killer.stop();
            shipper.close();
            counter.close();
            counting.join();
            counter.release();
            for (ContainerLog log : logs) {
                log.close();
            }
        }
        List<ContainerResult> results = new ArrayList<>();
        for (ContainerLog log : logs) {
            String container = log.mode().container();
            results.add(new ContainerResult(c.name(), container, log.written(), counter.received(container),
                    counter.duplicated(container), log.rotations(), counter.missing(container, log.written(), 6)));
        }
        String summary = String.format("%s: %d lines/s asked, %.0f achieved, %d s; %d SIGKILLs, %d exits on its own; "
                        + "broker down %d s; drained in %.1f s; logs in %s", c.name(), c.linesPerSecond(), rate, c.seconds(),
                killer.kills(), killer.crashes(), c.outageSeconds(), drained / 1000.0, dir);
        LossExcerpt.write(dir, results);
        return new Report(results, summary, dir);
    }

    private static boolean complete(Counter counter, List<ContainerLog> logs) {
        return logs.stream().allMatch(l -> counter.received(l.mode().container()) >= l.written());
    }

    /** The broker down for the case's outage, from a fifth of the writing window on. */
    private static void outage(TortureBroker broker, TortureCase c, Journal journal) {
        try {
            Thread.sleep(c.seconds() * 200L);
            broker.stop();
            journal.note("broker stopped for " + c.outageSeconds() + " s");
            Thread.sleep(c.outageSeconds() * 1000L);
            broker.start();
            journal.note("broker started again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
