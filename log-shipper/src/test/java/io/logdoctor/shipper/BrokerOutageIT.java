package io.logdoctor.shipper;

import io.logdoctor.shipper.testing.RawLines;
import io.logdoctor.shipper.testing.Topics4Test;

import io.logdoctor.broker.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker stopped for a while under load: reading pauses, resumes, and every line arrives once. The short
 * mode (CI) stops it for 6 s at 2,000 lines/s; {@code -Dlogdoctor.outage.long=true} for 60 s at 15,000
 * lines/s. While it is down nothing is committed, so what the writer adds stays in the files: the shipper's
 * memory holds at most the producer's buffer ({@code buffer-bytes}) and one round's reading.
 */
class BrokerOutageIT {

    private static final boolean LONG = Boolean.getBoolean("logdoctor.outage.long");
    private static final int RATE = LONG ? 15_000 : 2000;
    private static final int DOWN_AT = 3;
    private static final int UP_AT = LONG ? 63 : 9;
    private static final int SECONDS = LONG ? 75 : 12;

    @TempDir
    Path dir;

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
        long[] shippedWhileDown = {-1, -1};
        long[] heapDuringOutage = {0};
        try (LogWriter writer = new LogWriter(pods, "shop", "api-7d9f", "api", LogWriter.Rotation.RENAME);
             LogShipper shipper = LogShipper.start(ShipperConfig.defaults(bootstrap, pods, dir.resolve("state"))
                     .withCluster(cluster).withNode("node-o").withPollInterval(Duration.ofMillis(50))
                     .withKafkaProperties(Map.of("max.block.ms", "5000", "delivery.timeout.ms", "8000",
                             "request.timeout.ms", "3000")))) {
            double rate = LogWriter.drive(List.of(writer), RATE, SECONDS, RATE * 2, second -> {
                if (second == DOWN_AT) {
                    broker[0].close();
                    down[0] = System.nanoTime();
                } else if (second > DOWN_AT + 1 && second < UP_AT) {
                    long shipped = shipper.linesShipped();
                    shippedWhileDown[0] = shippedWhileDown[0] < 0 ? shipped : shippedWhileDown[0];
                    shippedWhileDown[1] = shipped;
                    Runtime rt = Runtime.getRuntime();
                    heapDuringOutage[0] = Math.max(heapDuringOutage[0], rt.totalMemory() - rt.freeMemory());
                } else if (second == UP_AT) {
                    broker[0] = EmbeddedKafka.start(options);
                    down[1] = System.nanoTime();
                }
            });
            try (RawLines raw = new RawLines(bootstrap, cluster)) {
                long caughtUp = System.nanoTime();
                boolean complete = false;
                for (int i = 0; i < (LONG ? 20 : 3) && !complete; i++) { // progress every 30 s: slow is not lost
                    complete = raw.pollUntil(r -> r.counts.size() == writer.written(), Duration.ofSeconds(30));
                    System.out.printf("BrokerOutageIT: %d of %d lines on logs.raw %.0f s after the writer stopped%n",
                            raw.counts.size(), writer.written(), (System.nanoTime() - caughtUp) / 1e9);
                }
                raw.pollUntil(r -> false, Duration.ofSeconds(2));
                System.out.printf("BrokerOutageIT: wrote %d lines at %.0f lines/s; broker down %.1f s; lines committed while "
                                + "down %d; test JVM heap (broker included) while down at most %d MiB; %s; lost %d, duplicated %d%n",
                        writer.written(), rate, (down[1] - down[0]) / 1e9, shippedWhileDown[1] - shippedWhileDown[0],
                        heapDuringOutage[0] >> 20,
                        shipper.metricsText().lines().filter(l -> l.startsWith("logdoctor_shipper_rewinds_total")
                                || l.startsWith("logdoctor_shipper_kafka_errors_total")).toList(),
                        raw.lost("api", writer.written()), raw.duplicated());
                assertTrue(complete, "lost " + raw.lost("api", writer.written()));
                assertEquals(0, raw.duplicated());
                assertEquals(writer.written(), raw.counts.size());
                // Nothing was committed while Kafka was away: the lines waited in their files, not in memory.
                assertEquals(shippedWhileDown[0], shippedWhileDown[1]);
            }
        } finally {
            broker[0].close();
        }
    }
}
