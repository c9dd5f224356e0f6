package io.logdoctor.shipper;

import io.logdoctor.shipper.testing.RawLines;
import io.logdoctor.shipper.testing.Topics4Test;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 10 MB line, invalid UTF-8 and a file deleted while it is read, against the real broker. */
@ExtendWith(EmbeddedKafkaExtension.class)
class EdgeCasesIT {

    private static final String POD = "edge_app-1_0f6e2a4c-5b7d-4e8f-9a1b-2c3d4e5f6a7b";

    @TempDir
    Path dir;

    @Test
    void shouldCutAHugeLineCarryInvalidUtf8AndFinishADeletedFile(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Topics4Test.create(bootstrap);
        Path pods = dir.resolve("pods");
        String ts = "2024-03-01T10:15:30.000000001Z";
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        big.write((ts + " stdout F before\n" + ts + " stdout F ").getBytes(StandardCharsets.UTF_8));
        big.write("x".repeat(10 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII));
        big.write(("\n" + ts + " stdout F after\n" + ts + " stderr F bad ").getBytes(StandardCharsets.UTF_8));
        big.write(new byte[] {(byte) 0xC3, (byte) 0x28, 0, (byte) 0xFF, 'e', 'n', 'd', '\n'});
        write(pods.resolve(POD + "/big/0.log"), big.toByteArray());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            many.append(ts).append(" stdout F deleted-").append(i).append('\n');
        }
        Path doomed = write(pods.resolve(POD + "/doomed/0.log"), many.toString().getBytes(StandardCharsets.UTF_8));

        try (LogShipper shipper = LogShipper.start(ShipperConfig.defaults(bootstrap, pods, dir.resolve("state"))
                .withCluster("edge-it").withNode("node-e").withPollInterval(Duration.ofMillis(50)));
             RawLines raw = new RawLines(bootstrap, "edge-it")) {
            raw.pollUntil(r -> r.counts.keySet().stream().anyMatch(l -> l.startsWith("deleted-")), Duration.ofSeconds(30));
            Files.delete(doomed); // mid-read: the rest comes through the open handle
            assertTrue(raw.pollUntil(r -> r.counts.size() == 4 + 50_000, Duration.ofSeconds(60)), "got " + raw.counts.size());
            raw.pollUntil(r -> false, Duration.ofSeconds(1));

            LogRecord huge = raw.records.stream().filter(r -> r.line().startsWith("xxx")).findFirst().orElseThrow();
            // The limit applies to the physical line, CRI prefix included.
            assertEquals(1024 * 1024 - (ts + " stdout F ").length(), huge.line().length());
            assertEquals(Boolean.TRUE, huge.truncated());
            assertTrue(raw.counts.containsKey("before") && raw.counts.containsKey("after"));
            LogRecord bad = raw.records.stream().filter(r -> r.line().startsWith("bad ")).findFirst().orElseThrow();
            assertEquals("bad \uFFFD(\u0000\uFFFDend", bad.line());
            assertEquals(0, raw.duplicated());
            assertTrue(shipper.metricsText().contains("logdoctor_shipper_lines_truncated_total 1.0\n"), shipper.metricsText());
            assertTrue(shipper.metricsText().contains("logdoctor_shipper_lines_invalid_utf8_total 1.0\n"));
        }
    }

    private static Path write(Path file, byte[] bytes) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }
}
