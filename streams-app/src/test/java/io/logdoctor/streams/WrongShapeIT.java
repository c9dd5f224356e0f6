package io.logdoctor.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.HttpOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, point 2: every wrong-shaped record of logs.raw is dead-lettered with the reason and counted,
 * never dropped silently; the canary after them is still diagnosed.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class WrongShapeIT {

    @TempDir
    Path work;

    @Test
    void shouldDeadLetterEveryWrongShapedRecordWithTheReasonAndGoOn(EmbeddedKafka broker) throws Exception {
        BrokerKit kafka = new BrokerKit(broker.bootstrapServers());
        String run = UUID.randomUUID().toString();
        // key -> [value, reason, a part of the message]; a null value is a tombstone
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("no-line-" + run, new String[]{"{\"foo\":\"bar\"}", "rejected", "no \"line\" field"});
        cases.put("json-null-" + run, new String[]{"null", "rejected", "JSON null"});
        cases.put("tombstone-" + run, new String[]{null, "rejected", "tombstone"});
        cases.put("line-object-" + run, new String[]{"{\"line\":{\"text\":\"Retrying waiting for IPAMD\"}}", "undecodable", "not a LogRecord"});
        cases.put("offset-text-" + run, new String[]{"{\"line\":\"Retrying waiting for IPAMD\",\"offset\":\"abc\"}", "undecodable",
                "not a LogRecord"});
        cases.put("array-" + run, new String[]{"[1,2,3]", "undecodable", "not a LogRecord"});
        cases.put("not-json-" + run, new String[]{"Retrying waiting for IPAMD", "undecodable", "not a LogRecord"});
        // Larger than the producer's default 1 MiB: the dead letter must still carry it whole (logs.dlq takes 8 MiB).
        cases.put("big-" + run, new String[]{"{\"line\":\"Retrying waiting for IPAMD " + "x".repeat(2 * 1024 * 1024), "undecodable",
                "not a LogRecord"});

        try (DiagnosisApp app = DiagnosisApp.start(new DiagnosisApp.Options(broker.bootstrapServers(), work.resolve("state"),
                SignatureCatalog.load(Path.of(getClass().getResource("/test-catalog").toURI())), false, 0, "127.0.0.1", HttpOptions.defaults(),
                DiagnosisTopology.REPEAT_INTERVAL, BrokerKit.isolated()))) {
            for (Map.Entry<String, String[]> c : cases.entrySet()) {
                String value = c.getValue()[0];
                kafka.produceRaw(c.getKey(), value == null ? null : value.getBytes(StandardCharsets.UTF_8));
            }
            String canary = "canary-" + run;
            kafka.produceCanary(canary);

            kafka.awaitDiagnosis(d -> canary.equals(d.scope().pod()), "diagnosis of the canary pod " + canary);
            for (Map.Entry<String, String[]> c : cases.entrySet()) {
                ConsumerRecord<byte[], byte[]> dead = kafka.awaitDeadLetter(c.getKey());
                String value = c.getValue()[0];
                assertArrayEquals(value == null ? null : value.getBytes(StandardCharsets.UTF_8), dead.value(), c.getKey());
                assertEquals(c.getValue()[1], BrokerKit.header(dead, DeadLetters.REASON_HEADER), c.getKey());
                String message = BrokerKit.header(dead, "__streams.errors.message");
                assertTrue(message.contains(c.getValue()[2]), c.getKey() + ": " + message);
                assertEquals("logs.raw", BrokerKit.header(dead, "__streams.errors.topic"), c.getKey());
            }
            String metrics = BrokerKit.get("http://127.0.0.1:" + app.httpPort() + "/metrics").body();
            assertTrue(count(metrics, "logdoctor_dlq_records_total{reason=\"rejected\"}") >= 3, metrics);
            assertTrue(count(metrics, "logdoctor_dlq_records_total{reason=\"undecodable\"}") >= 5, metrics);
            assertEquals(200, BrokerKit.get("http://127.0.0.1:" + app.httpPort() + "/readyz").status());
        }
    }

    private static long count(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return (long) Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        return -1;
    }
}
