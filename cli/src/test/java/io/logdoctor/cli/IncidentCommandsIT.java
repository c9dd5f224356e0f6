package io.logdoctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Incident;
import io.logdoctor.records.Json;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code logdoctor silence add|list|expire} and {@code logdoctor incidents} against a real broker. */
@ExtendWith(EmbeddedKafkaExtension.class)
class IncidentCommandsIT {

    @Test
    void shouldAddListAndExpireASilenceAndShowTheIncidentItHolds(EmbeddedKafka kafka) throws Exception {
        String b = kafka.bootstrapServers();
        Services.createTopics(b, Map.of(), 3, (short) 1);

        Console add = Console.run("silence", "add", "--bootstrap-server", b, "--match", "signature=vpc-cni/*", "--match", "cluster=c-cli",
                "--for", "2h", "--comment", "node group rollout", "--author", "sre");
        assertEquals(0, add.exitCode(), add.err());
        String id = add.out().strip();
        assertTrue(id.matches("s-[0-9a-f]{16}"), id);
        String listed = Console.run("silence", "list", "--bootstrap-server", b).out();
        assertTrue(listed.contains(id + "  active "), listed);
        assertTrue(listed.contains("signature=~\"\\Qvpc-cni/\\E.*\",cluster=\"c-cli\"  by sre: node group rollout"), listed);

        produce(b, held(id));
        Console text = Console.run("incidents", "--bootstrap-server", b);
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("HELD  [critical]  vpc-cni/ipamd-not-ready  cluster=c-cli namespace=kube-system workload=aws-node"),
                text.out());
        assertTrue(text.out().contains("  2 of 2 members firing, seen 10 times"), text.out());
        assertTrue(text.out().contains("  silenced by " + id + " until "), text.out());
        assertTrue(text.out().contains("\"node group rollout\""), text.out());
        assertTrue(text.out().contains("    FIRING  c-cli/kube-system/aws-node-x2n7p  node node-1  5x"), text.out());
        JsonNode json = Json.MAPPER.readTree(Console.run("incidents", "--bootstrap-server", b, "--format", "json").out().lines()
                .filter(l -> l.contains("i-00000000000000c11c11")).findFirst().orElseThrow());
        assertEquals(id, json.at("/silencedBy/0").asText());

        Console expire = Console.run("silence", "expire", "--bootstrap-server", b, id);
        assertEquals(0, expire.exitCode(), expire.err());
        assertFalse(Console.run("silence", "list", "--bootstrap-server", b).out().contains(id));
        assertTrue(Console.run("silence", "list", "--bootstrap-server", b, "--all").out().contains(id + "  expired"));
    }

    @Test
    void shouldNameWhatIsWrongWithABadSilence(EmbeddedKafka kafka) {
        String b = kafka.bootstrapServers();
        Console badLabel = Console.run("silence", "add", "--bootstrap-server", b, "--match", "team=sre", "--for", "2h", "--comment", "x");
        assertEquals(2, badLabel.exitCode());
        assertTrue(badLabel.err().contains("matcher 'team=sre': unknown label 'team'"), badLabel.err());
        Console badFor = Console.run("silence", "add", "--bootstrap-server", b, "--match", "cluster=x", "--for", "2 hours", "--comment", "x");
        assertEquals(2, badFor.exitCode());
        assertTrue(badFor.err().contains("--for: must be a positive duration such as 90m, 2h or 1d; was '2 hours'"), badFor.err());
        Console unknown = Console.run("silence", "expire", "--bootstrap-server", b, "s-0000000000000000");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no silence s-0000000000000000 on the silences topic"), unknown.err());
    }

    private static Incident held(String silence) {
        List<Incident.Member> members = List.of(member(1, silence), member(2, silence));
        return new Incident(1, "i-00000000000000c11c11", "vpc-cni/ipamd-not-ready", "aws-node keeps waiting for ipamd", "critical",
                Diagnosis.FIRING, Map.of("cluster", "c-cli", "namespace", "kube-system", "workload", "aws-node"),
                "2026-01-05T10:00:00Z", "2026-01-05T10:00:05Z", 10, 2, 2, members, List.of(), "cause", List.of("step"), List.of(),
                List.of(silence), List.of(), true, false, "2026-01-05T10:00:30Z");
    }

    private static Incident.Member member(int n, String silence) {
        String pod = n == 1 ? "aws-node-x2n7p" : "aws-node-x2n7q";
        return new Incident.Member("d-" + n, Diagnosis.FIRING, new Diagnosis.Scope("c-cli", "kube-system", pod, "node-" + n, "aws-node",
                null, null), "aws-node", "2026-01-05T10:00:00Z", "2026-01-05T10:00:05Z", 5, null, List.of(silence), null);
    }

    private static void produce(String bootstrap, Incident i) throws Exception {
        try (KafkaProducer<String, Incident> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Topics.INCIDENTS.keySerde().serializer(), Topics.INCIDENTS.valueSerde().serializer())) {
            p.send(new ProducerRecord<>(Topics.INCIDENTS.name(), i.id(), i)).get();
        }
    }
}
