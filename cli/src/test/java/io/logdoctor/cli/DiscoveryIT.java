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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17's done-means on a real broker: a never-seen error repeated across three pods shows up in
 * {@code logdoctor candidates}; {@code --draft} writes a signature that lints once its TODOs are written;
 * {@code signatures backtest} of it over the retained logs.raw reports the three pods, and the line like
 * one of its near misses that it left alone.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class DiscoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String[] PODS = {"ledger-7f9c-a", "ledger-7f9c-b", "ledger-7f9c-c"};

    @TempDir
    Path work;

    @Test
    void shouldTurnANeverSeenErrorIntoACandidateADraftAndABacktest(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Services.createTopics(bootstrap, Map.of(), 3, (short) 1);
        String marker = "q" + UUID.randomUUID().toString().substring(0, 6).replaceAll("\\d", "x"); // this run's own words
        Map<String, String> isolated = Map.of("application.id", "it-" + UUID.randomUUID());
        try (DiagnosisApp app = DiagnosisApp.start(DiagnosisApp.Options.of(bootstrap, work.resolve("state"),
                SignatureCatalog.bundled()).withKafkaProperties(isolated))) {
            produce(bootstrap, marker);

            JsonNode candidate = awaitCandidate(bootstrap, marker);
            assertEquals(3, candidate.get("scopeCount").asInt(), candidate.toString());
            assertEquals(18, candidate.get("count").asInt(), candidate.toString());
            assertEquals("ERROR " + marker + " shard <NUM> refused write: quorum lost after <DURATION>",
                    candidate.get("template").asText());
        }
        JsonNode candidate = awaitCandidate(bootstrap, marker);
        Path catalog = work.resolve("catalog");
        Console draft = Console.run("candidates", "--bootstrap-server", bootstrap, "--draft", candidate.get("id").asText(),
                "--signature-id", "team/ledger-quorum-lost", "--into", catalog.toString());
        assertEquals(0, draft.exitCode(), draft.err());
        Path yaml = catalog.resolve("team/ledger-quorum-lost.yaml");
        assertEquals(1, Console.run("signatures", "lint", catalog.toString()).exitCode(), "TODOs are refused");

        Files.writeString(yaml, Files.readString(yaml).replaceAll("'TODO: [^']*'", "'A ledger shard lost its quorum'"));
        Files.writeString(catalog.resolve("team/ledger-quorum-lost.nomatch.log"), "INFO " + marker + " shard 1 accepted write\n"
                + "ERROR " + marker + " shard 1 refused read: quorum lost after 3ms\nWARN " + marker + " shard 2 quorum lost\n");
        Console lint = Console.run("signatures", "lint", catalog.toString());
        assertEquals(0, lint.exitCode(), lint.out() + lint.err());

        // a line like the second near miss, which the signature must leave alone (after mining: not a candidate)
        String nearMiss = "ERROR " + marker + " shard 3 refused read: quorum lost after 7ms";
        send(bootstrap, LogRecord.k8s(Instant.now().toString(), "it", "node-1", "payments", PODS[0], "ledger", "stderr",
                nearMiss, "/var/log/pods/payments_" + PODS[0] + "_x/ledger/0.log", 9_000L, false));

        Console backtest = Console.run("signatures", "backtest", "--bootstrap-server", bootstrap, "--from", "1h", "--json",
                yaml.toString());
        assertEquals(0, backtest.exitCode(), backtest.err());
        List<String> pods = new ArrayList<>();
        JsonNode near = null;
        for (String line : backtest.out().split("\n")) {
            JsonNode r = Json.MAPPER.readTree(line);
            if (r.has("nearMisses")) {
                near = r.get("nearMisses");
                continue;
            }
            assertEquals("team/ledger-quorum-lost", r.get("signature").asText());
            assertEquals(6, r.get("count").asInt(), line);
            pods.add(r.at("/scope/pod").asText());
        }
        assertEquals(List.of(PODS), pods.stream().sorted().toList());
        assertNotNull(near, backtest.out());
        assertEquals(1, near.at("/notMatched/count").asInt(), near.toString());
        assertEquals(nearMiss, near.at("/notMatched/examples/0/line").asText());
        assertEquals(0, near.at("/matched/count").asInt(), near.toString()); // the draft's examples are its match fixtures
        assertEquals(19, near.get("examined").asInt(), near.toString());
    }

    private static void send(String bootstrap, LogRecord r) throws Exception {
        try (KafkaProducer<String, LogRecord> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Topics.LOGS_RAW.keySerde().serializer(), Topics.LOGS_RAW.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), r.streamKey(), r)).get();
        }
    }

    /** Six lines of the error in each of three pods, a minute apart, ending now. */
    private static void produce(String bootstrap, String marker) throws Exception {
        Instant start = Instant.now().minus(Duration.ofMinutes(6));
        try (KafkaProducer<String, LogRecord> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Topics.LOGS_RAW.keySerde().serializer(), Topics.LOGS_RAW.valueSerde().serializer())) {
            for (int i = 0; i < 6; i++) {
                for (String pod : PODS) {
                    String line = "ERROR " + marker + " shard " + (i % 4) + " refused write: quorum lost after " + (120 + i) + "ms";
                    LogRecord r = LogRecord.k8s(start.plus(Duration.ofMinutes(i)).toString(), "it", "node-1", "payments", pod,
                            "ledger", "stderr", line, "/var/log/pods/payments_" + pod + "_x/ledger/0.log", i * 100L, false);
                    producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), r.streamKey(), r)).get();
                }
            }
        }
    }

    /** Polls {@code logdoctor candidates} until this run's template has all 18 lines. */
    private static JsonNode awaitCandidate(String bootstrap, String marker) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Console c = Console.run("candidates", "--bootstrap-server", bootstrap, "--json", "--top", "1000");
            assertEquals(0, c.exitCode(), c.err());
            for (String line : c.out().split("\n")) {
                if (line.contains(marker)) {
                    last = Json.MAPPER.readTree(line);
                }
            }
            if (last != null && last.get("count").asInt() == 18) {
                return last;
            }
            Thread.sleep(1000);
        }
        assertNotNull(last, "no candidate with " + marker + " within " + WAIT);
        assertTrue(false, "the candidate never reached 18 lines: " + last);
        return last;
    }
}
