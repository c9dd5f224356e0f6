package io.logdoctor.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled kubernetes/* signatures fire on what the node and the cluster write about a pod, not only on the
 * pod's own log: the node journal (kubelet), Kubernetes Events and the EKS control plane (kube-scheduler), each
 * with the pod it names as the scope.
 */
class SourceKindsTopologyTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, LogRecord> logs;
    private TestOutputTopic<String, Diagnosis> diagnoses;

    @BeforeEach
    void start() {
        driver = new TopologyTestDriver(DiagnosisTopology.build(SignatureCatalog.bundled()),
                DiagnosisApp.streamsConfig("dummy:9092", stateDir, Map.of()), T0);
        logs = driver.createInputTopic(Topics.LOGS_RAW.name(), new StringSerializer(), Topics.LOGS_RAW.valueSerde().serializer());
        diagnoses = driver.createOutputTopic(Topics.DIAGNOSES.name(), Topics.DIAGNOSES.keySerde().deserializer(),
                Topics.DIAGNOSES.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldDiagnoseThePendingPodTheEksSchedulerNames() {
        Diagnosis d = fire(i -> new LogRecord(ts(i), LogRecord.SOURCE_EKS_CONTROL_PLANE, "prod-eu", null, "shop", "api-7d9f8b6c5d-x2x4k",
                null, null, "/aws/eks/prod-eu/cluster", "kube-scheduler-6c5f", null, null,
                "I0501 10:00:0" + i + ".123456      10 schedule_one.go:1004] \"Unable to schedule pod; no fit; waiting\" "
                        + "pod=\"shop/api-7d9f8b6c5d-x2x4k\" err=\"0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes "
                        + "are available: 3 No preemption victims found for incoming pod..\"",
                null, null, "d-" + i, null, null, Map.of("component", "kube-scheduler")), "kubernetes/too-many-pods");

        assertEquals("prod-eu", d.scope().cluster());
        assertEquals("shop", d.scope().namespace());
        assertEquals("api-7d9f8b6c5d-x2x4k", d.scope().pod());
        assertEquals(LogRecord.SOURCE_EKS_CONTROL_PLANE, d.scope().source());
        assertEquals(Map.of("component", "kube-scheduler"), d.scope().attributes());
    }

    @Test
    void shouldDiagnoseThePodKubeletNamesInTheJournal() {
        Diagnosis d = fire(i -> new LogRecord(ts(i), LogRecord.SOURCE_JOURNALD, "prod-eu", "ip-10-0-1-23", "shop", "api-7d9f8b6c5-k2x8v",
                "api", null, null, null, null, null,
                "E0501 10:00:0" + i + ".551204    3021 pod_workers.go:1298] \"Error syncing pod, skipping\" err=\"failed to "
                        + "\\\"StartContainer\\\" for \\\"api\\\" with CrashLoopBackOff: \\\"back-off 2m40s restarting failed "
                        + "container=api pod=api-7d9f8b6c5-k2x8v_shop(3f1c9a2e-8d4b-4c1a-9e7f-2b6d5a8c0e13)\\\"\" "
                        + "pod=\"shop/api-7d9f8b6c5-k2x8v\" podUID=\"3f1c9a2e-8d4b-4c1a-9e7f-2b6d5a8c0e13\"",
                null, null, null, null, null, Map.of("unit", "kubelet", "priority", "3")), "kubernetes/crash-loop-backoff");

        assertEquals("ip-10-0-1-23", d.scope().node());
        assertEquals("api-7d9f8b6c5-k2x8v", d.scope().pod());
        assertEquals(Map.of("unit", "kubelet"), d.scope().attributes(), "the line's priority says nothing about the pod");
    }

    @Test
    void shouldDiagnoseEachNodeApartWhenTheJournalNamesNoPod() {
        for (String node : List.of("ip-10-0-1-23", "ip-10-0-2-47")) {
            for (int i = 0; i < 3; i++) {
                LogRecord r = new LogRecord(ts(i), LogRecord.SOURCE_JOURNALD, "prod-eu", node, null, null, null, null, null, null,
                        null, null, "E0501 10:00:0" + i + ".000000    2291 kubelet.go:2412] \"Skipping pod synchronization\" "
                        + "err=\"PLEG is not healthy: pleg was last seen active 3m0.123456789s ago; threshold is 3m0s\"",
                        null, null, null, null, null, Map.of("unit", "kubelet"));
                logs.pipeInput(r.streamKey(), r, T0.plusSeconds(i));
            }
        }
        List<Diagnosis> pleg = diagnoses.readValuesToList().stream().filter(d -> d.signature().equals("kubelet/pleg-not-healthy")).toList();

        assertEquals(List.of("prod-eu/node/ip-10-0-1-23", "prod-eu/node/ip-10-0-2-47"),
                pleg.stream().map(d -> d.scope().key()).distinct().sorted().toList(), "diagnoses: " + pleg);
    }

    @Test
    void shouldDiagnoseThePodAnEventIsAbout() {
        Diagnosis d = fire(i -> new LogRecord(ts(i), LogRecord.SOURCE_K8S_EVENT, "prod-eu", null, "shop", "api-7d9f8b6c5-k2x8v",
                null, null, null, null, null, null,
                "Back-off restarting failed container api in pod api-7d9f8b6c5-k2x8v_shop(3f1c9a2e-8d4b-4c1a-9e7f-2b6d5a8c0e13)",
                null, null, null, null, null, Map.of("reason", "BackOff", "type", "Warning", "kind", "Pod")),
                "kubernetes/crash-loop-backoff");

        assertEquals("shop", d.scope().namespace());
        assertEquals("api-7d9f8b6c5-k2x8v", d.scope().pod());
    }

    @Test
    void shouldDiagnoseThePendingPodNotTheSchedulerPodThatPrintedIt() {
        Diagnosis d = fire(i -> new LogRecord(ts(i), LogRecord.SOURCE_K8S, "prod-eu", "ip-10-0-1-23", "kube-system",
                "kube-scheduler-ip-10-0-1-23", "kube-scheduler", null, null, null, null, null,
                "I0501 10:00:0" + i + ".204361       1 schedule_one.go:1004] \"Unable to schedule pod; no fit; waiting\" "
                        + "pod=\"shop/cart-5f7b9c8d4-wq4lm\" err=\"0/4 nodes are available: 4 Insufficient cpu.\"",
                null, null, null, null, null, null), "kubernetes/insufficient-resources");

        assertEquals(new Diagnosis.Scope("prod-eu", "shop", "cart-5f7b9c8d4-wq4lm", null, null, null, null, LogRecord.SOURCE_K8S,
                Map.of("reporter", "prod-eu/kube-system/kube-scheduler-ip-10-0-1-23", "owner", "cart")), d.scope());
    }

    @Test
    void shouldDiagnoseThePodAnEventExporterLineIsAbout() {
        Diagnosis d = fire(i -> new LogRecord(ts(i), LogRecord.SOURCE_K8S, "prod-eu", "ip-10-0-2-47", "monitoring",
                "event-exporter-6b8d9c7f5-tq2zl", "event-exporter", null, null, null, null, null,
                "{\"metadata\":{\"name\":\"web-7c9d6b5f4-m4k8s.17b0c2d9e1f3a4b" + i + "\",\"namespace\":\"shop\"},"
                        + "\"reason\":\"FailedScheduling\",\"message\":\"0/3 nodes are available: 3 Too many pods.\","
                        + "\"type\":\"Warning\",\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"shop\","
                        + "\"name\":\"web-7c9d6b5f4-m4k8s\",\"uid\":\"6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"}}",
                null, null, null, null, null, null), "kubernetes/too-many-pods");

        assertEquals("prod-eu/shop/web-7c9d6b5f4-m4k8s", d.scope().key());
        assertEquals("web", d.scope().attributes().get("owner"));
        assertEquals("prod-eu/monitoring/event-exporter-6b8d9c7f5-tq2zl", d.scope().attributes().get("reporter"));
    }

    /** Sends three records 2 s apart (every signature here fires on 3 within its window); returns the one diagnosis. */
    private Diagnosis fire(IntFunction<LogRecord> record, String signature) {
        for (int i = 0; i < 3; i++) {
            LogRecord r = record.apply(i * 2);
            logs.pipeInput(r.streamKey(), r, T0.plusSeconds(i * 2L));
        }
        List<Diagnosis> out = diagnoses.readValuesToList();
        List<Diagnosis> wanted = out.stream().filter(d -> d.signature().equals(signature)).toList();
        assertEquals(1, wanted.size(), "diagnoses: " + out);
        assertEquals(Diagnosis.FIRING, wanted.get(0).status());
        return wanted.get(0);
    }

    private static String ts(int seconds) {
        return T0.plusSeconds(seconds).toString();
    }
}
