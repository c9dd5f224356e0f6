package io.logdoctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import io.logdoctor.streams.DiagnosisApp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streams app on a real broker: hot-reloaded signatures and its HTTP endpoints. */
@ExtendWith(EmbeddedKafkaExtension.class)
class StreamsAppIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    static final String SIGNATURE = """
            id: team/disk-full
            title: A volume is full
            severity: warning
            match:
              full: 'write %{NOTSPACE:path}: no space left on device'
            fire:
              count: 2
              window: 1m
            cause: The volume ran out of blocks.
            remediation:
              - Grow the PVC.
            references:
              - team runbook
            """;

    @TempDir
    Path work;

    @Test
    void shouldSwapToPushedSignaturesWithoutARestartAndServeWhatIsFiring(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Services.createTopics(bootstrap, Map.of(), 3, (short) 1);
        Map<String, String> isolated = Map.of("application.id", "it-" + UUID.randomUUID());
        try (DiagnosisApp app = DiagnosisApp.start(DiagnosisApp.Options.of(bootstrap, work.resolve("state"), SignatureCatalog.bundled())
                .withHttp(0, "127.0.0.1").withKafkaProperties(isolated))) {
            String base = "http://127.0.0.1:" + app.httpPort();
            Http.await(base + "/healthz", r -> r.status() == 200, WAIT);
            long bundled = Json.MAPPER.readTree(Http.get(base + "/signatures").body()).get("signatures").size();

            push(bootstrap, SIGNATURE);
            JsonNode catalog = Json.MAPPER.readTree(Http.await(base + "/signatures", r -> r.body().contains("team/disk-full"), WAIT).body());
            assertEquals(bundled + 1, catalog.get("signatures").size());
            assertTrue(catalog.get("version").asLong() >= 2, catalog.toString());

            produce(bootstrap, "writer-0", "write /data/ledger.db: no space left on device", 2);
            JsonNode all = Json.MAPPER.readTree(Http.await(base + "/diagnoses", r -> r.body().contains("writer-0"), WAIT).body());
            // the broker is shared with other ITs, whose logs.raw this app reads too: pick this test's pod
            JsonNode firing = StreamSupport.stream(all.spliterator(), false)
                    .filter(d -> d.at("/scope/pod").asText().equals("writer-0")).findFirst().orElseThrow();
            assertEquals("team/disk-full", firing.get("signature").asText());
            assertEquals("Grow the PVC.", firing.get("remediation").get(0).asText());

            // An invalid version is refused; the previous one keeps diagnosing.
            push(bootstrap, SIGNATURE.replace("severity: warning", "severity: urgent"));
            Http.await(base + "/metrics", r -> r.body().contains("logdoctor_signatures_rejected_total 1.0"), WAIT);
            produce(bootstrap, "writer-1", "write /data/wal: no space left on device", 2);
            Http.await(base + "/diagnoses", r -> r.body().contains("writer-1"), WAIT);
            assertTrue(Http.get(base + "/signatures").body().contains("\"severity\":\"warning\""), "the valid version stays");

            String metrics = Http.get(base + "/metrics").body();
            assertTrue(metrics.contains("logdoctor_matches_total{signature=\"team/disk-full\"} 4.0"), metrics);
            assertTrue(metrics.contains("logdoctor_regex_budget_trips 0.0"), metrics);
            // The broker is shared with the other ITs and this app reads logs.raw from the start, so only
            // this test's own signature has an exact count.
            assertTrue(metrics.contains("logdoctor_diagnoses_emitted_total{status=\"firing\"} "), metrics);

            SignaturePublisher.delete(bootstrap, Map.of(), "team/disk-full");
            Http.await(base + "/signatures", r -> !r.body().contains("team/disk-full"), WAIT);
        }
    }

    private void push(String bootstrap, String signature) throws Exception {
        Path dir = Files.createTempDirectory(work, "catalog");
        Files.createDirectories(dir.resolve("team"));
        Files.writeString(dir.resolve("team/disk-full.yaml"), signature);
        Files.writeString(dir.resolve("team/disk-full.match.log"), "write /x: no space left on device\n");
        Path invalidOk = dir.resolve("team/disk-full.yaml");
        SignatureCatalog catalog = signature.contains("urgent") ? null : SignatureCatalog.load(dir);
        if (catalog == null) {
            // `signatures push` would refuse this file; write it to the topic directly, as a broken client could.
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    Topics.SIGNATURES.keySerde().serializer(), Topics.SIGNATURES.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(Topics.SIGNATURES.name(), "team/disk-full", Files.readString(invalidOk))).get();
            }
            return;
        }
        SignaturePublisher.publish(bootstrap, Map.of(), dir, catalog);
    }

    static void produce(String bootstrap, String pod, String line, int times) throws Exception {
        try (KafkaProducer<String, LogRecord> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Topics.LOGS_RAW.keySerde().serializer(), Topics.LOGS_RAW.valueSerde().serializer())) {
            for (int i = 0; i < times; i++) {
                LogRecord r = LogRecord.k8s(Instant.now().toString(), "it", "node-1", "payments", pod, "writer", "stderr", line,
                        "/var/log/pods/payments_" + pod + "_x/writer/0.log", i * 100L, false);
                producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), r.streamKey(), r)).get();
            }
        }
    }
}
