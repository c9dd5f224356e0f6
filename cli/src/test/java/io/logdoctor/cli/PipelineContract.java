package io.logdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Topics;
import io.logdoctor.shipper.LogShipper;
import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.streams.DiagnosisApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end on a real broker: CRI files in a kubelet pod-log tree → shipper →
 * logs.raw → streams app → diagnoses, plus an undecodable record → logs.dlq. Subclasses say which broker.
 */
abstract class PipelineContract {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String RETRY = "{\"level\":\"info\",\"ts\":\"%s\",\"caller\":\"entrypoint.sh\",\"msg\":\"Retrying waiting for IPAM-D\"}";

    @TempDir
    Path work;

    abstract String bootstrapServers();

    @Test
    void shouldTurnPodLogFilesIntoDiagnosesAndDeadLetters() throws Exception {
        String bootstrap = bootstrapServers();
        Services.createTopics(bootstrap, Map.of(), 3, (short) 1);
        Path pods = work.resolve("pods");
        writeBrokenNode(pods.resolve("kube-system_aws-node-x7z9k_6f1d8a52-0c3e-4a57-9b7e-2d5c8e1f4a90/aws-node/0.log"));
        writeHealthyNode(pods.resolve("kube-system_aws-node-d24k4_0b6f2e8c-5a1d-4c9e-8f3b-7e2a9d6c1b54/aws-node/0.log"));

        try (DiagnosisApp app = DiagnosisApp.start(bootstrap, work.resolve("streams"), SignatureCatalog.bundled(), Map.of());
             LogShipper shipper = LogShipper.start(ShipperConfig.defaults(bootstrap, pods, work.resolve("shipper"))
                     .withCluster("it").withNode("ip-10-0-1-23"));
             KafkaConsumer<String, Diagnosis> diagnoses = consumer(bootstrap, Topics.DIAGNOSES.name(),
                     Topics.DIAGNOSES.valueSerde().deserializer())) {
            produceGarbage(bootstrap);

            Diagnosis d = awaitOne(diagnoses, x -> x.scope().pod().equals("aws-node-x7z9k"));

            assertEquals("vpc-cni/ipamd-not-ready", d.signature());
            assertEquals(Diagnosis.FIRING, d.status());
            assertEquals(new Diagnosis.Scope("it", "kube-system", "aws-node-x7z9k", "ip-10-0-1-23", "aws-node", null, null, "k8s", null),
                    d.scope());
            assertTrue(d.count() >= 5, "fires on the fifth retry, not before: " + d.count());
            assertTrue(d.cause().contains("IPv4"), d.cause());
            assertTrue(d.remediation().stream().anyMatch(s -> s.contains("rollout restart daemonset aws-node")), d.remediation()::toString);
            assertTrue(d.evidence().get(0).file().endsWith("/aws-node/0.log"), "evidence points back at the file");
            String joined = String.format(RETRY, "2022-09-02T00:21:54.331Z");
            assertTrue(d.evidence().stream().anyMatch(e -> e.line().equals(joined)), "the partial line arrives joined: " + d.evidence());
        }
        assertDeadLetter(bootstrap);
        assertNoDiagnosisFor(bootstrap, "aws-node-d24k4");
    }

    /** Six retries two seconds apart, one of them split by the runtime into a partial and its end. */
    private static void writeBrokenNode(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("2022-09-02T00:21:46.277120000Z stdout F {\"level\":\"info\",\"ts\":\"2022-09-02T00:21:46.277Z\",\"caller\":\"entrypoint.sh\",\"msg\":\"Starting IPAM daemon in the background ... \"}");
        lines.add("2022-09-02T00:21:46.304000000Z stdout F {\"level\":\"info\",\"ts\":\"2022-09-02T00:21:46.304Z\",\"caller\":\"entrypoint.sh\",\"msg\":\"Checking for IPAM connectivity ... \"}");
        for (int i = 0; i < 6; i++) {
            String ts = String.format("2022-09-02T00:21:%02d.331Z", 48 + 2 * i);
            String message = String.format(RETRY, ts);
            String cri = ts.replace("Z", "000000Z");
            if (i == 3) {
                lines.add(cri + " stdout P " + message.substring(0, 40));
                lines.add(cri + " stdout F " + message.substring(40));
            } else {
                lines.add(cri + " stdout F " + message);
            }
        }
        write(file, lines);
    }

    /** One retry at boot is normal: it must not fire. Also a line of binary junk, which must not stop anything. */
    private static void writeHealthyNode(Path file) throws IOException {
        write(file, List.of(
                "2022-09-02T00:21:46.303000000Z stdout F {\"level\":\"info\",\"ts\":\"2022-09-02T00:21:46.303Z\",\"caller\":\"entrypoint.sh\",\"msg\":\"Starting IPAM daemon in the background ... \"}",
                "2022-09-02T00:21:48.321000000Z stdout F " + String.format(RETRY, "2022-09-02T00:21:48.321Z"),
                "2022-09-02T00:21:50.102000000Z stdout F \u0000\u0001garbage \uFFFD bytes",
                "2022-09-02T00:21:50.331000000Z stdout F {\"level\":\"info\",\"ts\":\"2022-09-02T00:21:50.331Z\",\"caller\":\"entrypoint.sh\",\"msg\":\"Copying config file ... \"}"));
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static void produceGarbage(String bootstrap) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), "poison".getBytes(StandardCharsets.UTF_8),
                    new byte[]{'{', 'n', 'o', 't', (byte) 0xC3, 0x28})).get();
        }
    }

    private static void assertDeadLetter(String bootstrap) {
        try (KafkaConsumer<String, byte[]> dlq = consumer(bootstrap, Topics.LOGS_DLQ.name(), new ByteArrayDeserializer())) {
            ConsumerRecord<String, byte[]> dead = awaitRecord(dlq, r -> "poison".equals(r.key()));
            assertTrue(header(dead, "__streams.errors.message").contains("not a LogRecord JSON record"), header(dead, "__streams.errors.message"));
            assertEquals(Topics.LOGS_RAW.name(), header(dead, "__streams.errors.topic"));
            assertNotNull(dead.headers().lastHeader("__streams.errors.offset"), "the source offset travels with it");
        }
    }

    /** The healthy node's single retry must never become a diagnosis: read the whole topic once the app has stopped. */
    private static void assertNoDiagnosisFor(String bootstrap, String pod) {
        try (KafkaConsumer<String, Diagnosis> all = consumer(bootstrap, Topics.DIAGNOSES.name(), Topics.DIAGNOSES.valueSerde().deserializer())) {
            List<Diagnosis> seen = new ArrayList<>();
            all.poll(Duration.ofSeconds(2)).forEach(r -> seen.add(r.value()));
            for (ConsumerRecords<String, Diagnosis> batch = all.poll(Duration.ofMillis(500)); !batch.isEmpty();
                 batch = all.poll(Duration.ofMillis(500))) {
                batch.forEach(r -> seen.add(r.value()));
            }
            assertTrue(seen.stream().anyMatch(d -> d.scope().pod().equals("aws-node-x7z9k")), "the topic was read: " + seen);
            assertTrue(seen.stream().noneMatch(d -> d.scope().pod().equals(pod)), "no diagnosis for a healthy node: " + seen);
        }
    }

    private static Diagnosis awaitOne(KafkaConsumer<String, Diagnosis> consumer, Predicate<Diagnosis> wanted) {
        return awaitRecord(consumer, r -> wanted.test(r.value())).value();
    }

    private static <V> ConsumerRecord<String, V> awaitRecord(KafkaConsumer<String, V> consumer, Predicate<ConsumerRecord<String, V>> wanted) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                if (wanted.test(r)) {
                    return r;
                }
            }
        }
        return fail("no matching record within " + DEADLINE);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static <V> KafkaConsumer<String, V> consumer(String bootstrap, String topic, Deserializer<V> values) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic + "-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), values);
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
