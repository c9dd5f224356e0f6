package io.logdoctor.shipper;

import io.logdoctor.shipper.testing.RawLines;
import io.logdoctor.shipper.testing.Topics4Test;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kubelet-style rename rotation (with gzip) and copytruncate under a steady write rate: every line once. */
@ExtendWith(EmbeddedKafkaExtension.class)
class RotationIT {

    @TempDir
    Path dir;

    @Test
    void shouldShipEveryLineExactlyOnceAcrossRenameAndCopytruncateRotations(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Topics4Test.create(bootstrap);
        Path pods = dir.resolve("pods");
        String cluster = "rotation-it";
        try (LogWriter renamed = new LogWriter(pods, "shop", "api-7d9f", "api", LogWriter.Rotation.RENAME);
             LogWriter copied = new LogWriter(pods, "shop", "worker-5c2b", "worker", LogWriter.Rotation.COPYTRUNCATE);
             LogShipper shipper = LogShipper.start(ShipperConfig.defaults(bootstrap, pods, dir.resolve("state"))
                     .withCluster(cluster).withNode("node-a").withPollInterval(Duration.ofMillis(50)));
             RawLines raw = new RawLines(bootstrap, cluster)) {
            long started = System.nanoTime();
            double rate = LogWriter.drive(List.of(renamed, copied), 2000, 10, 2500, s -> { });
            boolean complete = raw.pollUntil(r -> r.hasAll("api", renamed.written()) && r.hasAll("worker", copied.written()),
                    Duration.ofSeconds(60));
            double seconds = (System.nanoTime() - started) / 1e9;
            raw.pollUntil(r -> false, Duration.ofSeconds(2)); // late duplicates would show up now
            long written = renamed.written() + copied.written();
            System.out.printf("RotationIT: wrote %d lines at %.0f lines/s with %d rotations; shipped %d lines in %.1f s; "
                            + "lost %d, duplicated %d%n", written, rate, 2 * (written / 2 / 2500), raw.counts.size(), seconds,
                    raw.lost("api", renamed.written()) + raw.lost("worker", copied.written()), raw.duplicated());
            assertTrue(complete, "lost api " + raw.lost("api", renamed.written()) + ", worker " + raw.lost("worker", copied.written()));
            assertEquals(0, raw.duplicated());
            assertEquals(written, raw.counts.size());
        }
    }
}
