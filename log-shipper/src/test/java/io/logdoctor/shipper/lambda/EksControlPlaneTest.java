package io.logdoctor.shipper.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.logdoctor.records.LogRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EksControlPlaneTest {

    /**
     * A subscription payload of an EKS control-plane group: kube-scheduler's klog lines as EKS writes them (the
     * FitError of schedule_one.go since Kubernetes 1.25, and the older "Unable to schedule pod; waiting").
     */
    private static final String SCHEDULER = """
            {"messageType":"DATA_MESSAGE","owner":"123456789012","logGroup":"/aws/eks/prod-eu/cluster",
             "logStream":"kube-scheduler-6c5f0b6f2e8c5a1d4c9e8f3b7e2a9d6c","subscriptionFilters":["to-firehose"],
             "logEvents":[
              {"id":"1","timestamp":1714557600000,"message":"I0501 10:00:00.123456      10 schedule_one.go:1004] \\"Unable to schedule pod; no fit; waiting\\" pod=\\"shop/api-7d9f8b6c5d-x2x4k\\" err=\\"0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..\\""},
              {"id":"2","timestamp":1714557601000,"message":"I0501 10:00:01.000000      10 scheduler.go:351] \\"Unable to schedule pod; waiting\\" pod=\\"kube-system/coredns-5d78c9869d-abcde\\" err=\\"0/2 nodes are available: 2 Insufficient cpu.\\""},
              {"id":"3","timestamp":1714557602000,"message":"I0501 10:00:02.000000      10 leaderelection.go:258] successfully acquired lease kube-system/kube-scheduler"}
             ]}
            """;

    @Test
    void shouldMakeControlPlaneRecordsAboutThePodTheSchedulerNames() throws IOException {
        List<LogRecord> records = CloudWatchLogsPayload.parse(SCHEDULER.getBytes(StandardCharsets.UTF_8), "d-1");

        LogRecord fit = records.get(0);
        assertEquals(LogRecord.SOURCE_EKS_CONTROL_PLANE, fit.source());
        assertEquals("prod-eu", fit.cluster());
        assertEquals("shop", fit.namespace());
        assertEquals("api-7d9f8b6c5d-x2x4k", fit.pod());
        assertEquals(Map.of("component", "kube-scheduler"), fit.attributes());
        assertNull(fit.function(), "not a Lambda function");
        assertEquals("/aws/eks/prod-eu/cluster", fit.logGroup());
        assertEquals("2024-05-01T10:00:00Z", fit.ts());
        assertEquals("d-1", fit.deliveryId());
        assertEquals("kube-system", records.get(1).namespace());
        assertEquals("coredns-5d78c9869d-abcde", records.get(1).pod());
        assertNull(records.get(2).pod(), "a line about no pod is about the control plane");
        assertEquals("/aws/eks/prod-eu/cluster/kube-scheduler-6c5f0b6f2e8c5a1d4c9e8f3b7e2a9d6c", fit.streamKey());
    }

    @Test
    void shouldNameTheComponentOfEveryStreamEksWrites() {
        assertEquals("kube-apiserver", EksControlPlane.componentOf("kube-apiserver-1234567890abcdef01234567890abcde"));
        assertEquals("kube-apiserver-audit", EksControlPlane.componentOf("kube-apiserver-audit-1234567890abcdef01234567890abcde"));
        assertEquals("authenticator", EksControlPlane.componentOf("authenticator-1234567890abcdef01234567890abcde"));
        assertEquals("kube-controller-manager", EksControlPlane.componentOf("kube-controller-manager-1234567890abcdef01234567890abcde"));
        assertEquals("cloud-controller-manager", EksControlPlane.componentOf("cloud-controller-manager-1234567890abcdef01234567890abcde"));
        assertEquals("kube-scheduler", EksControlPlane.componentOf("kube-scheduler-1234567890abcdef01234567890abcde"));
        assertEquals("etcd-0", EksControlPlane.componentOf("etcd-0"), "an unknown stream keeps its name");
    }

    @Test
    void shouldKnowOnlyTheControlPlaneGroup() {
        assertEquals("prod-eu", EksControlPlane.clusterOf("/aws/eks/prod-eu/cluster"));
        assertNull(EksControlPlane.clusterOf("/aws/eks/prod-eu/application"));
        assertNull(EksControlPlane.clusterOf("/aws/lambda/eks"));
        assertNull(EksControlPlane.clusterOf(null));
    }
}
