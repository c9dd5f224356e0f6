package io.logdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.Json;
import io.logdoctor.records.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code logdoctor tail} on a real broker: the diagnoses topic and the DLQ, readable and as JSON. */
@ExtendWith(EmbeddedKafkaExtension.class)
class TailIT {

    @Test
    void shouldPrintDiagnosesAndDeadLettersReadablyAndAsJson(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Services.createTopics(bootstrap, Map.of(), 3, (short) 1);
        String pod = "tail-" + UUID.randomUUID().toString().substring(0, 8); // the broker is shared with other ITs
        String diagnosis = """
                {"schemaVersion":1,"id":"d-%s","signature":"vpc-cni/ipamd-not-ready","title":"aws-node keeps waiting for ipamd",
                 "severity":"critical","status":"firing","scope":{"cluster":"demo","namespace":"kube-system","pod":"%s","container":"aws-node"},
                 "firstSeen":"2022-09-02T00:21:48.321Z","lastSeen":"2022-09-02T00:21:56.355Z","count":5,"evidence":[],
                 "cause":"ipamd is not ready.","remediation":["Read ipamd's log."],"references":[]}""".formatted(pod, pod).replace("\n", "");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DIAGNOSES.name(), "d-" + pod, diagnosis)).get();
            ProducerRecord<String, String> dead = new ProducerRecord<>(Topics.LOGS_DLQ.name(), "demo/kube-system/" + pod + "/app", "{not json " + pod);
            dead.headers().add("__logdoctor.reason", "undecodable".getBytes(StandardCharsets.UTF_8));
            dead.headers().add("__streams.errors.message", "Unexpected character ('n')".getBytes(StandardCharsets.UTF_8));
            dead.headers().add("__streams.errors.topic", "logs.raw".getBytes(StandardCharsets.UTF_8));
            dead.headers().add("__streams.errors.partition", "2".getBytes(StandardCharsets.UTF_8));
            dead.headers().add("__streams.errors.offset", "41".getBytes(StandardCharsets.UTF_8));
            producer.send(dead).get();
        }

        Console readable = tail(bootstrap, "diagnoses");
        Console json = tail(bootstrap, "diagnoses", "--json");
        Console dlq = tail(bootstrap, "dlq");
        Console dlqJson = tail(bootstrap, "dlq", "--json");

        assertEquals(0, readable.exitCode(), readable.err());
        assertTrue(readable.out().contains("FIRING  [critical]  vpc-cni/ipamd-not-ready  demo/kube-system/" + pod), readable.out());
        JsonNode mine = json.out().lines().map(TailIT::parse).filter(n -> n.path("id").asText().equals("d-" + pod)).findFirst().orElseThrow();
        assertEquals(5, mine.get("count").asInt());
        assertTrue(dlq.out().contains("DEAD LETTER  [undecodable]  logs.dlq@"), dlq.out());
        assertTrue(dlq.out().contains("  from:  logs.raw@2:41\n  error: Unexpected character ('n')\n  value: {not json " + pod + "\n"), dlq.out());
        JsonNode letter = dlqJson.out().lines().map(TailIT::parse).filter(n -> n.path("value").asText().endsWith(pod)).findFirst().orElseThrow();
        assertEquals("undecodable", letter.get("reason").asText());
        assertEquals("41", letter.get("headers").get("__streams.errors.offset").asText());
    }

    @Test
    void shouldRefuseATopicItDoesNotKnow(EmbeddedKafka kafka) {
        Console c = Console.run("tail", "logs.raw", "--bootstrap-server", kafka.bootstrapServers());

        assertEquals(2, c.exitCode());
        assertTrue(c.err().contains("Invalid value for positional parameter at index 0 (TOPIC): expected one of [diagnoses, dlq]"), c.err());
    }

    private static Console tail(String bootstrap, String... args) {
        String[] line = new String[args.length + 5];
        line[0] = "tail";
        System.arraycopy(args, 0, line, 1, args.length);
        System.arraycopy(new String[]{"--from-beginning", "--exit-at-end", "--bootstrap-server", bootstrap}, 0, line, args.length + 1, 4);
        return Console.run(line);
    }

    private static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
