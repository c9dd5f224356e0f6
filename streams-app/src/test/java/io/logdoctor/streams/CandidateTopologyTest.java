package io.logdoctor.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandidateTopologyTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void shouldPublishTheUnexplainedErrorOfThreePodsAsOneCandidateAndCountCoverage() throws Exception {
        SignatureCatalog catalog = SignatureCatalog.load(Path.of(getClass().getResource("/test-catalog").toURI()));
        AppMetrics metrics = new AppMetrics();
        try (TopologyTestDriver driver = new TopologyTestDriver(DiagnosisTopology.build(() -> catalog,
                DiagnosisTopology.REPEAT_INTERVAL, metrics), DiagnosisApp.streamsConfig("dummy:9092", stateDir, Map.of()), T0)) {
            TestInputTopic<String, LogRecord> logs = driver.createInputTopic(Topics.LOGS_RAW.name(), new StringSerializer(),
                    Topics.LOGS_RAW.valueSerde().serializer());
            TestOutputTopic<String, String> candidates = driver.createOutputTopic(Topics.CANDIDATES.name(),
                    Topics.CANDIDATES.keySerde().deserializer(), Topics.CANDIDATES.valueSerde().deserializer());
            for (int i = 0; i < 3; i++) {
                for (String pod : new String[] {"ledger-a", "ledger-b", "ledger-c"}) {
                    send(logs, pod, i, "ERROR ledger shard " + i + " refused write: token=" + "s3cr3t-" + pod);
                }
                send(logs, "ledger-a", i, "INFO served request " + i);
                send(logs, "ledger-a", i, "ERROR UnauthorizedOperation: You are not authorized to perform this operation");
            }
            assertTrue(candidates.isEmpty(), "nothing before the first publish tick");

            driver.advanceWallClockTime(DiagnosisTopology.CANDIDATES_EVERY);

            Map<String, String> latest = candidates.readKeyValuesToMap();
            assertEquals(1, latest.size(), latest.toString());
            JsonNode c = Json.MAPPER.readTree(latest.values().iterator().next());
            assertEquals("ERROR ledger shard <NUM> refused write: token=<ID>", c.get("template").asText());
            assertEquals(9, c.get("count").asInt());
            assertEquals(3, c.get("scopeCount").asInt());
            assertEquals("it/payments/ledger-a", c.get("scopes").get(0).asText());
            assertEquals(T0.toEpochMilli(), c.get("firstSeen").asLong());
            assertEquals("ERROR ledger shard 0 refused write: token=[REDACTED]", c.get("examples").get(0).asText());
            String metricsText = metrics.render();
            assertTrue(metricsText.contains("logdoctor_error_lines_total{namespace=\"payments\"} 12.0"), metricsText);
            assertTrue(metricsText.contains("logdoctor_error_lines_explained_total{namespace=\"payments\"} 3.0"), metricsText);
            assertTrue(metricsText.contains("logdoctor_explained_error_ratio{namespace=\"payments\"} 0.25"), metricsText);

            driver.advanceWallClockTime(DiagnosisTopology.CANDIDATES_EVERY);
            assertTrue(candidates.isEmpty(), "an unchanged candidate is not published again");
        }
    }

    private static void send(TestInputTopic<String, LogRecord> logs, String pod, int second, String line) {
        LogRecord r = LogRecord.k8s(T0.plusSeconds(second).toString(), "it", "node-1", "payments", pod, "ledger", "stderr",
                line, "/var/log/pods/payments_" + pod + "_x/ledger/0.log", 0L, false);
        logs.pipeInput(r.streamKey(), r, T0.plusSeconds(second));
    }
}
