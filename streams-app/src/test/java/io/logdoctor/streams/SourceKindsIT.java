package io.logdoctor.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.HttpOptions;
import io.logdoctor.records.LogRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled kubernetes/* signatures fire through the real streams app on the embedded broker from what the node
 * journal (kubelet), Kubernetes Events and the EKS control plane (kube-scheduler) write about a pod, each diagnosed
 * on that pod, with the source kind in the scope ({@link SourceKindsTopologyTest} is the same on the test driver).
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class SourceKindsIT {

    @TempDir
    Path work;

    @Test
    void shouldDiagnoseThePodEachNewSourceNames(EmbeddedKafka broker) throws Exception {
        BrokerKit kafka = new BrokerKit(broker.bootstrapServers());
        String cluster = "kinds-" + UUID.randomUUID().toString().substring(0, 8); // the broker is shared with other ITs
        try (DiagnosisApp app = DiagnosisApp.start(new DiagnosisApp.Options(broker.bootstrapServers(), work.resolve("state"),
                SignatureCatalog.bundled(), false, 0, "127.0.0.1", HttpOptions.defaults(), DiagnosisTopology.REPEAT_INTERVAL,
                BrokerKit.isolated()))) {
            Instant t0 = Instant.now();
            for (int i = 0; i < 3; i++) {
                String ts = t0.plusSeconds(2L * i).toString();
                kafka.produce(
                        new LogRecord(ts, LogRecord.SOURCE_EKS_CONTROL_PLANE, cluster, null, "shop", "api-7d9f8b6c5d-x2x4k", null, null,
                                "/aws/eks/" + cluster + "/cluster", "kube-scheduler-6c5f", null, null,
                                "I0501 10:00:00.123456      10 schedule_one.go:1004] \"Unable to schedule pod; no fit; waiting\" "
                                        + "pod=\"shop/api-7d9f8b6c5d-x2x4k\" err=\"0/3 nodes are available: 3 Too many pods.\"",
                                null, null, "d-" + i, null, null, Map.of("component", "kube-scheduler")),
                        new LogRecord(ts, LogRecord.SOURCE_JOURNALD, cluster, "ip-10-0-1-23", "shop", "web-5c2b7d9f8-q8w7e", "web", null,
                                null, null, null, null,
                                "E0501 10:00:00.551204    3021 pod_workers.go:1298] \"Error syncing pod, skipping\" err=\"failed to "
                                        + "\\\"StartContainer\\\" for \\\"web\\\" with CrashLoopBackOff: \\\"back-off 40s restarting failed "
                                        + "container=web pod=web-5c2b7d9f8-q8w7e_shop(3f1c9a2e-8d4b-4c1a-9e7f-2b6d5a8c0e13)\\\"\" "
                                        + "pod=\"shop/web-5c2b7d9f8-q8w7e\"",
                                null, null, "journal:s=" + i, null, null, Map.of("unit", "kubelet", "priority", "3")),
                        new LogRecord(ts, LogRecord.SOURCE_K8S_EVENT, cluster, null, "shop", "worker-7f6d5c4b3-zz9yx", null, null,
                                null, null, null, null,
                                "Back-off restarting failed container worker in pod worker-7f6d5c4b3-zz9yx_shop(9e7f2b6d-5a8c-0e13-3f1c-9a2e8d4b4c1a)",
                                null, null, "event:" + i, null, null,
                                Map.of("reason", "BackOff", "type", "Warning", "kind", "Pod", "owner", "Deployment/worker")));
            }

            Diagnosis scheduler = kafka.awaitDiagnosis(d -> cluster.equals(d.scope().cluster())
                    && "api-7d9f8b6c5d-x2x4k".equals(d.scope().pod()), "the scheduler's FitError on the Pending pod");
            Diagnosis journal = kafka.awaitDiagnosis(d -> cluster.equals(d.scope().cluster())
                    && "web-5c2b7d9f8-q8w7e".equals(d.scope().pod()), "kubelet's back-off from the journal");
            Diagnosis event = kafka.awaitDiagnosis(d -> cluster.equals(d.scope().cluster())
                    && "worker-7f6d5c4b3-zz9yx".equals(d.scope().pod()), "the BackOff event");

            assertEquals("kubernetes/too-many-pods", scheduler.signature());
            assertEquals(LogRecord.SOURCE_EKS_CONTROL_PLANE, scheduler.scope().source());
            assertEquals("kubernetes/crash-loop-backoff", journal.signature());
            assertEquals(Map.of("unit", "kubelet"), journal.scope().attributes());
            assertEquals("ip-10-0-1-23", journal.scope().node());
            assertEquals("kubernetes/crash-loop-backoff", event.signature());
            assertEquals(Map.of("kind", "Pod", "owner", "Deployment/worker"), event.scope().attributes());
        }
    }
}
