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

/** The broker stopped for a while under load: reading pauses, resumes, and every line arrives once. */
class BrokerOutageIT {

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
        try (LogWriter writer = new LogWriter(pods, "shop", "api-7d9f", "api", LogWriter.Rotation.RENAME);
             LogShipper shipper = LogShipper.start(ShipperConfig.defaults(bootstrap, pods, dir.resolve("state"))
                     .withCluster(cluster).withNode("node-o").withPollInterval(Duration.ofMillis(50))
                     .withKafkaProperties(java.util.Map.of("max.block.ms", "5000", "delivery.timeout.ms", "8000",
                             "request.timeout.ms", "3000")))) {
            double rate = LogWriter.drive(List.of(writer), 2000, 12, 5000, second -> {
                if (second == 3) {
                    broker[0].close();
                    down[0] = System.nanoTime();
                } else if (second == 9) {
                    broker[0] = EmbeddedKafka.start(options);
                    down[1] = System.nanoTime();
                }
            });
            try (RawLines raw = new RawLines(bootstrap, cluster)) {
                boolean complete = raw.pollUntil(r -> r.hasAll("api", writer.written()), Duration.ofSeconds(90));
                raw.pollUntil(r -> false, Duration.ofSeconds(2));
                System.out.printf("BrokerOutageIT: wrote %d lines at %.0f lines/s; broker down %.1f s; %s; lost %d, duplicated %d%n",
                        writer.written(), rate, (down[1] - down[0]) / 1e9,
                        shipper.metricsText().lines().filter(l -> l.startsWith("logdoctor_shipper_rewinds_total")
                                || l.startsWith("logdoctor_shipper_kafka_errors_total")).toList(),
                        raw.lost("api", writer.written()), raw.duplicated());
                assertTrue(complete, "lost " + raw.lost("api", writer.written()));
                assertEquals(0, raw.duplicated());
                assertEquals(writer.written(), raw.counts.size());
            }
        } finally {
            broker[0].close();
        }
    }
}
