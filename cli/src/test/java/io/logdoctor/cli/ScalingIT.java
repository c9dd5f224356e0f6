package io.logdoctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the streams app, each a real process: the work splits between them, and after one
 * is killed with SIGKILL the other takes over with no diagnosis lost and none emitted twice as firing.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ScalingIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path work;

    @AfterEach
    void stopAll() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldSplitTheWorkAndSurviveTheKillOfAnInstance(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Services.createTopics(bootstrap, Map.of(), 3, (short) 1);
        String applicationId = "it-scaling-" + UUID.randomUUID();
        int portA = freePort();
        int portB = freePort();
        Process a = startInstance(bootstrap, applicationId, "a", portA);
        startInstance(bootstrap, applicationId, "b", portB); // stays up to take over the killed instance's partitions
        Http.await("http://127.0.0.1:" + portA + "/healthz", r -> r.body().startsWith("running"), WAIT);
        Http.await("http://127.0.0.1:" + portB + "/healthz", r -> r.body().startsWith("running"), WAIT);

        for (int pod = 0; pod < 12; pod++) {
            retries(bootstrap, pod, 0, 5);
        }
        Http.await("http://127.0.0.1:" + portA + "/diagnoses", r -> count(r.body()) == 12, WAIT);
        int onA = count(Http.get("http://127.0.0.1:" + portA + "/diagnoses?local=true").body());
        int onB = count(Http.get("http://127.0.0.1:" + portB + "/diagnoses?local=true").body());
        assertTrue(onA > 0 && onB > 0, "each instance holds a share: a=" + onA + " b=" + onB);
        assertEquals(12, onA + onB);

        a.destroyForcibly().waitFor(); // SIGKILL: no clean shutdown, no final commit
        for (int pod = 0; pod < 12; pod++) {
            retries(bootstrap, pod, 5, 2); // the old pods keep failing: still one firing diagnosis each
        }
        for (int pod = 12; pod < 18; pod++) {
            retries(bootstrap, pod, 0, 5);
        }

        Http.await("http://127.0.0.1:" + portB + "/diagnoses", r -> count(r.body()) == 18, WAIT);
        awaitCaughtUp(bootstrap, applicationId);
        Map<String, Integer> firings = firingsPerDiagnosis(bootstrap);
        assertEquals(18, firings.size(), "every diagnosis arrived: " + firings);
        assertTrue(firings.values().stream().allMatch(n -> n == 1), "none emitted twice as firing: " + firings);
    }

    private Process startInstance(String bootstrap, String applicationId, String name, int port) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.logdoctor.cli.Main", "streams",
                "--bootstrap-server", bootstrap, "--state-dir", work.resolve("state-" + name).toString(),
                "--http-port", String.valueOf(port), "--advertised-host", "127.0.0.1");
        pb.environment().put("LOGDOCTOR_KAFKA_APPLICATION_ID", applicationId);
        // A killed member is noticed after the session timeout: keep it short so the test does not wait 45 s.
        pb.environment().put("LOGDOCTOR_KAFKA_SESSION_TIMEOUT_MS", "6000");
        pb.environment().put("LOGDOCTOR_KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
        pb.redirectErrorStream(true).redirectOutput(work.resolve("instance-" + name + ".log").toFile());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static void retries(String bootstrap, int pod, int from, int count) throws Exception {
        try (KafkaProducer<String, LogRecord> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Topics.LOGS_RAW.keySerde().serializer(), Topics.LOGS_RAW.valueSerde().serializer())) {
            for (int i = from; i < from + count; i++) {
                String ts = Instant.parse("2022-09-02T00:21:48Z").plusSeconds(2L * i).toString();
                LogRecord r = LogRecord.k8s(ts, "it", "node-" + pod, "kube-system", String.format("aws-node-p%02d", pod), "aws-node",
                        "stdout", "{\"level\":\"info\",\"ts\":\"" + ts + "\",\"caller\":\"entrypoint.sh\",\"msg\":\"Retrying waiting for IPAM-D\"}",
                        "/var/log/pods/x/aws-node/0.log", i * 100L, false);
                producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), r.streamKey(), r)).get();
            }
        }
    }

    /** Waits until the app group has committed everything of logs.raw and of its repartition topic. */
    private static void awaitCaughtUp(String bootstrap, String applicationId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                // A transactional topic ends with a commit marker the consumer's position may not have passed yet.
                boolean caughtUp = !committed.isEmpty() && committed.entrySet().stream().allMatch(e ->
                        e.getValue().offset() >= ends.get(e.getKey()).offset() - (e.getKey().topic().equals(Topics.LOGS_RAW.name()) ? 0 : 1));
                if (caughtUp && committed.keySet().stream().anyMatch(tp -> tp.topic().equals(Topics.LOGS_RAW.name()))) {
                    return;
                }
                Thread.sleep(250);
            }
            throw new AssertionError("the streams app did not catch up within " + WAIT);
        }
    }

    private static Map<String, Integer> firingsPerDiagnosis(String bootstrap) {
        Map<String, Integer> firings = new TreeMap<>();
        try (KafkaConsumer<String, Diagnosis> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-read-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), Topics.DIAGNOSES.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.DIAGNOSES.name()));
            long quietUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < quietUntil) {
                for (var r : consumer.poll(Duration.ofMillis(250))) {
                    if ("it".equals(r.value().scope().cluster()) && r.value().scope().pod().startsWith("aws-node-p")
                            && Diagnosis.FIRING.equals(r.value().status())) {
                        firings.merge(r.value().id(), 1, Integer::sum);
                        quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                    }
                }
            }
        }
        return firings;
    }

    private static int count(String json) {
        try {
            JsonNode array = Json.MAPPER.readTree(json);
            int n = 0;
            for (JsonNode d : array) {
                if (d.at("/scope/pod").asText().startsWith("aws-node-p")) {
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
