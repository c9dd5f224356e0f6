package io.logdoctor.patterns;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The kubelet, containerd and kernel forms of the kubernetes/*, kubelet/* and node/* signatures as the journal
 * source ships them: a journald MESSAGE is the line as the process wrote it, with no syslog prefix ("Mar 12
 * 04:18:27 host kubelet[3021]:") and, for the kernel, no dmesg "[ 2143.556312]" time; a kubelet klog line keeps
 * its own header ("E0312 04:18:27.551204 3021 pod_workers.go:1298]"), since kubelet writes it to stderr and
 * journald stores each line of the unit's output stream as it is. Each must fire its signature with source
 * journald (which {@code scope.source: k8s} admits).
 */
class JournalFormsTest {

    /** MESSAGE -> the signature it must match. Forms from the catalogue's fixtures (which cite their threads). */
    private static final Map<String, String> FORMS = new LinkedHashMap<>();

    static {
        FORMS.put("E0312 04:18:27.551204    3021 pod_workers.go:1298] \"Error syncing pod, skipping\" err=\"failed to \\\"StartContainer\\\" "
                + "for \\\"api\\\" with CrashLoopBackOff: \\\"back-off 5m0s restarting failed container=api "
                + "pod=api-7d9f8b6c5-k2x8v_shop(3f1c9a2e-8d4b-4c1a-9e7f-2b6d5a8c0e13)\\\"\" pod=\"shop/api-7d9f8b6c5-k2x8v\" "
                + "podUID=\"3f1c9a2e-8d4b-4c1a-9e7f-2b6d5a8c0e13\"", "kubernetes/crash-loop-backoff");
        FORMS.put("E0312 05:02:41.118230    3021 pod_workers.go:1298] \"Error syncing pod, skipping\" err=\"failed to \\\"StartContainer\\\" "
                + "for \\\"api\\\" with ImagePullBackOff: \\\"Back-off pulling image \\\\\\\"123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/"
                + "shop/api:1.4.3\\\\\\\"\\\"\" pod=\"shop/api-59c8d7f6b-r4t7w\" podUID=\"8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d\"",
                "kubernetes/image-pull-failure");
        FORMS.put("I0312 04:17:51.118204    3021 prober.go:107] \"Probe failed\" probeType=\"Liveness\" pod=\"shop/api-7d9f8b6c5-k2x8v\" "
                + "podUID=\"3f1c9a2e-8d4b-4c1a-9e7f-2b6d5a8c0e13\" containerName=\"api\" probeResult=\"failure\" "
                + "output=\"HTTP probe failed with statuscode: 503\"", "kubernetes/probe-failed");
        FORMS.put("E0413 10:53:57.845163    3263 kubelet.go:2055] \"Skipping pod synchronization\" err=\"PLEG is not healthy: pleg was "
                + "last seen active 2h33m17.705751197s ago; threshold is 3m0s\"", "kubelet/pleg-not-healthy");
        FORMS.put("E0416 22:26:30.150357   10125 kubelet.go:2373] \"Container runtime network not ready\" networkReady=\"NetworkReady=false "
                + "reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized\"",
                "kubelet/cni-not-initialized");
        // kubelet 1.2x structured eviction lines (pkg/kubelet/eviction/eviction_manager.go)
        FORMS.put("I0612 04:02:11.771309    3021 eviction_manager.go:366] \"Eviction manager: attempting to reclaim\" resourceName=\"memory\"",
                "kubelet/eviction-memory-pressure");
        FORMS.put("I0612 03:14:07.118204    3021 eviction_manager.go:366] \"Eviction manager: attempting to reclaim\" resourceName=\"ephemeral-storage\"",
                "kubelet/eviction-disk-pressure");
        FORMS.put("Memory cgroup out of memory: Killed process 48213 (java) total-vm:5123456kB, anon-rss:1048200kB, file-rss:21344kB, "
                + "shmem-rss:0kB, UID:1000 pgtables:2688kB oom_score_adj:936", "kubernetes/oom-killed");
        FORMS.put("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=cri-containerd-5e1f0c2d9a8b.scope,mems_allowed=0,"
                + "oom_memcg=/kubepods.slice/kubepods-burstable.slice,task_memcg=/kubepods.slice/kubepods-burstable.slice,task=java,pid=48213,uid=1000",
                "kubernetes/oom-killed");
        FORMS.put("time=\"2024-03-14T09:12:44.118203712Z\" level=info msg=\"TaskOOM event container_id:\\\"5e1f0c2d9a8b7c6d5e4f3a2b1c0d9e8f"
                + "7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d\\\"\"", "kubernetes/oom-killed");
        FORMS.put("Out of memory: Killed process 2231 (python3) total-vm:8123456kB, anon-rss:7340032kB, file-rss:0kB, shmem-rss:0kB, "
                + "UID:0 pgtables:14560kB oom_score_adj:0", "node/system-oom");
    }

    @Test
    void shouldMatchEveryJournalFormWithSourceJournald() {
        SignatureMatcher matcher = SignatureCatalog.bundled().matcher();
        List<String> problems = new ArrayList<>();
        FORMS.forEach((line, signature) -> {
            // What the journal source sets: the pod a kubelet line names, or nothing (the node).
            LineContext context = new LineContext("journald", line.contains("pod=\"shop/") ? "shop" : null, null, null);
            List<String> ids = matcher.match(line, context).stream().map(m -> m.signature().id()).toList();
            if (!ids.contains(signature)) {
                problems.add(signature + " does not match its journal form (matched " + ids + "): " + line);
            }
        });
        assertEquals(List.of(), problems);
    }
}
