package io.logdoctor.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.HttpOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, points 1 and 2 of what was found: one record that made every stream thread die and be
 * replaced forever, so no pod of the cluster got a diagnosis. Each test sends the hostile record, then a
 * canary (a normal failure on another pod) that must still be diagnosed, and checks the app stays ready.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class PoisonRecordIT {

    /** The shipper cuts lines at 1 MiB; this one holds a signature's literal, so it matches. */
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path work;

    private BrokerKit kafka;
    private DiagnosisApp app;
    private String base;

    @BeforeEach
    void start(EmbeddedKafka broker) throws Exception {
        kafka = new BrokerKit(broker.bootstrapServers());
        SignatureCatalog catalog = SignatureCatalog.load(Path.of(getClass().getResource("/test-catalog").toURI()));
        app = DiagnosisApp.start(new DiagnosisApp.Options(broker.bootstrapServers(), work.resolve("state"), catalog, false, 0,
                "127.0.0.1", HttpOptions.defaults(), DiagnosisTopology.REPEAT_INTERVAL, BrokerKit.isolated()));
        base = "http://127.0.0.1:" + app.httpPort();
        BrokerKit.await(base + "/healthz", r -> r.status() == 200);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void shouldDiagnoseOtherPodsAfterAOneMebibyteMatchingLineAndCarryOnlyAnExcerptOfIt() throws Exception {
        String hostile = "huge-" + UUID.randomUUID();
        String line = "Retrying waiting for IPAMD " + "x".repeat(MIB - 27); // exactly the shipper's cut
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            kafka.produce(BrokerKit.record(hostile, now.plusSeconds(i).toString(), line));
        }
        String canary = "canary-" + UUID.randomUUID();
        kafka.produceCanary(canary);

        Diagnosis d = kafka.awaitDiagnosis(x -> canary.equals(x.scope().pod()), "diagnosis of the canary pod " + canary);
        assertEquals("demo/retry-loop", d.signature());
        Diagnosis huge = kafka.awaitDiagnosis(x -> hostile.equals(x.scope().pod()), "diagnosis of the pod with 1 MiB lines");
        String evidence = huge.evidence().get(0).line();
        assertEquals(Excerpt.MAX_CHARS + 1, evidence.length(), "the evidence is the excerpt, marked as cut");
        assertTrue(evidence.startsWith("Retrying waiting for IPAMD xxx") && evidence.endsWith("…"), evidence.substring(0, 40));
        assertReadyAndNoThreadDied();
    }

    @Test
    void shouldReplaceATimestampWhoseMillisOverflowByTheReceiveTime() throws Exception {
        String hostile = "overflow-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(5);
        for (int i = 0; i < 3; i++) {
            kafka.produce(BrokerKit.record(hostile, "+999999999-12-31T23:59:59.999999999+18:00", "Retrying waiting for IPAMD"));
        }
        String canary = "canary-" + UUID.randomUUID();
        kafka.produceCanary(canary);

        kafka.awaitDiagnosis(x -> canary.equals(x.scope().pod()), "diagnosis of the canary pod " + canary);
        Diagnosis d = kafka.awaitDiagnosis(x -> hostile.equals(x.scope().pod()), "diagnosis of the pod with an overflowing ts");
        Instant firstSeen = Instant.parse(d.firstSeen());
        assertTrue(firstSeen.isAfter(before) && firstSeen.isBefore(Instant.now().plusSeconds(5)),
                "the receive time stands in for the ts; was " + d.firstSeen());
        String metrics = BrokerKit.get(base + "/metrics").body();
        assertTrue(metrics.matches("(?s).*\nlogdoctor_timestamps_replaced_total [1-9][0-9]*\\.0\n.*"), metrics);
        assertReadyAndNoThreadDied();
    }

    @Test
    void shouldDeadLetterADiagnosisTheBrokerRefusesAsTooLargeAndGoOn(EmbeddedKafka broker) throws Exception {
        // A signature whose cause alone is over the diagnoses topic's 1 MiB limit: its diagnosis cannot be produced.
        Path dir = work.resolve("huge-catalog");
        Files.createDirectories(dir.resolve("demo"));
        for (String name : new String[]{"retry-loop", "retry-cause", "miss-then-fail"}) {
            Files.copy(Path.of(getClass().getResource("/test-catalog/demo/" + name + ".yaml").toURI()), dir.resolve("demo/" + name + ".yaml"));
        }
        Files.writeString(dir.resolve("demo/huge-cause.yaml"), String.join("\n", "id: demo/huge-cause",
                "title: A diagnosis larger than the topic takes", "severity: error", "match:", "  huge: 'Diagnose me hugely'",
                "cause: " + "c".repeat(1_100_000), "remediation:", "  - Nothing.", "references:", "  - issue 10", ""));
        app.close();
        app = DiagnosisApp.start(new DiagnosisApp.Options(broker.bootstrapServers(), work.resolve("state2"), SignatureCatalog.load(dir),
                false, 0, "127.0.0.1", HttpOptions.defaults(), DiagnosisTopology.REPEAT_INTERVAL, BrokerKit.isolated()));
        base = "http://127.0.0.1:" + app.httpPort();
        BrokerKit.await(base + "/healthz", r -> r.status() == 200);

        String hostile = "huge-diagnosis-" + UUID.randomUUID();
        kafka.produce(BrokerKit.record(hostile, Instant.now().toString(), "Diagnose me hugely"));
        String canary = "canary-" + UUID.randomUUID();
        kafka.produceCanary(canary);

        kafka.awaitDiagnosis(x -> canary.equals(x.scope().pod()), "diagnosis of the canary pod " + canary);
        BrokerKit.await(base + "/metrics", r -> r.body().contains("\nlogdoctor_dlq_records_total{reason=\"processing\"} 1.0\n"));
        // The dead letter is the match event the diagnosis came from (the source record of that stage), keyed by scope.
        kafka.awaitDeadLetter("it/kube-system/" + hostile);
        assertReadyAndNoThreadDied();
    }

    private void assertReadyAndNoThreadDied() {
        BrokerKit.Response ready = BrokerKit.get(base + "/readyz");
        assertEquals(200, ready.status(), ready.body());
        String metrics = BrokerKit.get(base + "/metrics").body();
        assertTrue(metrics.contains("\nlogdoctor_stream_thread_failures_total 0.0\n"), metrics);
    }
}
