package io.logdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.patterns.LineContext;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;
import io.logdoctor.records.Topics;
import io.logdoctor.shipper.LogShipper;
import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.streams.DiagnosisApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One decode path (issue 13): a CRI pod log whose OutOfMemoryError is only recognisable once its stack trace
 * is joined (a partial line inside it) gives the same diagnosis through {@code logdoctor diagnose} offline as
 * through the shipper and the streams app on a real broker.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class OfflineEqualsLiveIT {

    private static final String OOM = "Exception in thread \"pool-1-thread-3\" java.lang.OutOfMemoryError";
    private static final String POD = "orders-7d9f8b6c5-x2x9q";

    @TempDir
    Path work;

    @Test
    void shouldDiagnoseAFileOfflineAsThePipelineDoes(EmbeddedKafka kafka) throws Exception {
        Path file = work.resolve("pods/shop_" + POD + "_6f1d8a52-0c3e-4a57-9b7e-2d5c8e1f4a90/orders/0.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                "2024-03-01T10:15:30.000000001Z stdout F starting orders",
                "2024-03-01T10:15:31.000000001Z stderr F " + OOM,
                "2024-03-01T10:15:31.000000002Z stderr F \tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)",
                "2024-03-01T10:15:31.000000003Z stderr P \tat java.base/java.lang.AbstractStringBuilder.ensureCapacity",
                "2024-03-01T10:15:31.000000004Z stderr F Internal(AbstractStringBuilder.java:228)",
                "2024-03-01T10:15:32.000000001Z stdout F request served") + "\n", StandardCharsets.UTF_8);
        // the first line alone is not enough: only the joined event says a stack trace follows the class name
        assertTrue(SignatureCatalog.bundled().matcher().match(OOM, LineContext.UNKNOWN).isEmpty());

        Console offline = Console.run("diagnose", "--format", "cri", file.toString());
        assertEquals(0, offline.exitCode(), offline.err());
        List<Diagnosis> found = offline.out().lines().map(OfflineEqualsLiveIT::diagnosis).toList();
        assertEquals(1, found.size(), offline.out());

        Diagnosis live = live(kafka.bootstrapServers(), work.resolve("pods"));
        Diagnosis off = found.get(0);
        assertEquals("java/out-of-memory", off.signature());
        assertEquals(List.of(live.signature(), live.status(), live.scope().namespace(), live.scope().pod(),
                        live.scope().container(), live.count(), live.evidence().stream().map(Diagnosis.Evidence::line).toList()),
                List.of(off.signature(), off.status(), off.scope().namespace(), off.scope().pod(),
                        off.scope().container(), off.count(), off.evidence().stream().map(Diagnosis.Evidence::line).toList()));
        assertTrue(off.evidence().get(0).line().startsWith(OOM + "\n\tat java.base/java.util.Arrays.copyOf")
                && off.evidence().get(0).line().contains("ensureCapacityInternal"), off.evidence().get(0).line());
    }

    private static Diagnosis diagnosis(String json) {
        try {
            return Json.MAPPER.readValue(json, Diagnosis.class);
        } catch (IOException e) {
            throw new AssertionError("not a diagnosis: " + json, e);
        }
    }

    private static Diagnosis live(String bootstrap, Path pods) throws Exception {
        Services.createTopics(bootstrap, Map.of(), 3, (short) 1);
        try (DiagnosisApp app = DiagnosisApp.start(bootstrap, pods.resolveSibling("streams"), SignatureCatalog.bundled(), Map.of());
             LogShipper shipper = LogShipper.start(ShipperConfig.defaults(bootstrap, pods, pods.resolveSibling("shipper"))
                     .withCluster("it").withNode("ip-10-0-1-23"));
             KafkaConsumer<String, String> diagnoses = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.GROUP_ID_CONFIG, "offline-equals-live",
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            diagnoses.subscribe(List.of(Topics.DIAGNOSES.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : diagnoses.poll(Duration.ofMillis(200))) {
                    Diagnosis d = diagnosis(r.value());
                    if (d.scope().pod().equals(POD)) {
                        return d;
                    }
                }
            }
        }
        return fail("no diagnosis for " + POD + " within 90 s");
    }
}
