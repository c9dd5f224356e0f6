package io.logdoctor.shipper;

import io.logdoctor.broker.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker stopped for a while under load: reading pauses, resumes, and every line arrives once. The short
 * mode (CI) stops it for 6 s at 2,000 lines/s; {@code -Dlogdoctor.outage.long=true} for 60 s at 15,000
 * lines/s, and checks that reading paused (the files' lag grew) instead of memory filling up.
 */
class BrokerOutageIT {

    private static final boolean LONG = Boolean.getBoolean("logdoctor.outage.long");
    private static final int RATE = LONG ? 15_000 : 2000;
    private static final int DOWN_AT = 3;
    private static final int UP_AT = LONG ? 63 : 9;
    private static final int SECONDS = LONG ? 75 : 12;

    @TempDir
    Path dir;

    /** The largest {@code logdoctor_shipper_file_lag_bytes} in a /metrics text. */
    private static long lag(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("logdoctor_shipper_file_lag_bytes{"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).max().orElse(0);
    }

    @Test
    void shouldShipEveryLineExactlyOnceAcrossABrokerOutage() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedKafka.Options options = new EmbeddedKafka.Options(port, dir.resolve("kafka"));
        EmbeddedKafka[] broker = {EmbeddedKafka.start(options)};
        String bootstrap = broker[0].bootstrapServers();
        Topics4Test.create(bootstrap);
        Path pods = dir.resolve("pods");
        String cluster = "outage-it";
        long[] down = new long[2];
        long[] lagDuringOutage = {0};
        long[] heapDuringOutage = {0};
        try (LogWriter writer = new LogWriter(pods, "shop", "api-7d9f", "api", LogWriter.Rotation.RENAME);
             LogShipper shipper = LogShipper.start(ShipperConfig.defaults(bootstrap, pods, dir.resolve("state"))
                     .withCluster(cluster).withNode("node-o").withPollInterval(Duration.ofMillis(50))
                     .withKafkaProperties(java.util.Map.of("max.block.ms", "5000", "delivery.timeout.ms", "8000",
                             "request.timeout.ms", "3000")))) {
            double rate = LogWriter.drive(List.of(writer), RATE, SECONDS, RATE * 2, second -> {
                if (second == DOWN_AT) {
                    broker[0].close();
                    down[0] = System.nanoTime();
                } else if (second > DOWN_AT && second < UP_AT) {
                    lagDuringOutage[0] = Math.max(lagDuringOutage[0], lag(shipper.metricsText()));
                    Runtime rt = Runtime.getRuntime();
                    heapDuringOutage[0] = Math.max(heapDuringOutage[0], rt.totalMemory() - rt.freeMemory());
                } else if (second == UP_AT) {
                    broker[0] = EmbeddedKafka.start(options);
                    down[1] = System.nanoTime();
                }
            });
            try (RawLines raw = new RawLines(bootstrap, cluster)) {
                boolean complete = raw.pollUntil(r -> r.hasAll("api", writer.written()), Duration.ofSeconds(LONG ? 240 : 90));
                raw.pollUntil(r -> false, Duration.ofSeconds(2));
                System.out.printf("BrokerOutageIT: wrote %d lines at %.0f lines/s; broker down %.1f s; largest file lag "
                                + "while down %d bytes; test JVM heap while down at most %d MiB; %s; lost %d, duplicated %d%n",
                        writer.written(), rate, (down[1] - down[0]) / 1e9, lagDuringOutage[0], heapDuringOutage[0] >> 20,
                        shipper.metricsText().lines().filter(l -> l.startsWith("logdoctor_shipper_rewinds_total")
                                || l.startsWith("logdoctor_shipper_kafka_errors_total")).toList(),
                        raw.lost("api", writer.written()), raw.duplicated());
                assertTrue(complete, "lost " + raw.lost("api", writer.written()));
                assertEquals(0, raw.duplicated());
                assertEquals(writer.written(), raw.counts.size());
                if (LONG) {
                    // Reading paused while Kafka was away: the unread bytes stayed in the file, not in memory.
                    assertTrue(lagDuringOutage[0] > 1024 * 1024, "lag while down " + lagDuringOutage[0]);
                }
            }
        } finally {
            broker[0].close();
        }
    }
}
