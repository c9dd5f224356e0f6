package io.logdoctor.shipper.journal;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Journal MESSAGE texts as kubelet, containerd and the kernel write them (journald stores a klog line as
 * the MESSAGE as it is, header included: kubelet writes it to stderr, the unit's stdout stream). Sources:
 * the catalogue's fixtures (which cite their issue threads) and kubelet's code.
 */
final class JournalFixtures {

    /** kubelet 1.28 CrashLoopBackOff sync error (pod_workers.go; kubernetes/kubernetes#123602). */
    static final String CRASH_LOOP = "E0312 04:18:27.551204    3021 pod_workers.go:1298] \"Error syncing pod, skipping\" "
            + "err=\"failed to \\\"StartContainer\\\" for \\\"api\\\" with CrashLoopBackOff: \\\"back-off 5m0s restarting failed "
            + "container=api pod=api-7d9f8b6c5-k2x8v_shop(3f1c9a2e-8d4b-4c1a-9e7f-2b6d5a8c0e13)\\\"\" pod=\"shop/api-7d9f8b6c5-k2x8v\" "
            + "podUID=\"3f1c9a2e-8d4b-4c1a-9e7f-2b6d5a8c0e13\"";
    /** kubelet ImagePullBackOff sync error (pod_workers.go; the form of kubernetes/image-pull-failure's fixture). */
    static final String IMAGE_PULL = "E0312 05:02:41.118230    3021 pod_workers.go:1298] \"Error syncing pod, skipping\" "
            + "err=\"failed to \\\"StartContainer\\\" for \\\"api\\\" with ImagePullBackOff: \\\"Back-off pulling image "
            + "\\\\\\\"123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/shop/api:1.4.3\\\\\\\"\\\"\" pod=\"shop/api-59c8d7f6b-r4t7w\" "
            + "podUID=\"8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d\"";
    /** kubelet prober (pkg/kubelet/prober/prober.go, klog structured). */
    static final String PROBE = "I0312 04:17:51.118204    3021 prober.go:107] \"Probe failed\" probeType=\"Liveness\" "
            + "pod=\"shop/api-7d9f8b6c5-k2x8v\" podUID=\"3f1c9a2e-8d4b-4c1a-9e7f-2b6d5a8c0e13\" containerName=\"api\" "
            + "probeResult=\"failure\" output=\"HTTP probe failed with statuscode: 503\"";
    /** kubelet 1.12-1.19 probe line, klog text (the catalogue's probe-failed fixture). */
    static final String PROBE_TEXT = "I0312 04:17:51.118204    3021 prober.go:111] Liveness probe for "
            + "\"api-7d9f8b6c5-k2x8v_shop(3f1c9a2e-8d4b-4c1a-9e7f-2b6d5a8c0e13):api\" failed (failure): HTTP probe failed with statuscode: 503";
    /** kubelet PLEG (kubelet.go, klog structured; kubelet/pleg-not-healthy's fixture). */
    static final String PLEG = "E0413 10:53:57.845163    3263 kubelet.go:2055] \"Skipping pod synchronization\" "
            + "err=\"PLEG is not healthy: pleg was last seen active 2h33m17.705751197s ago; threshold is 3m0s\"";
    /** The kernel's memory-cgroup OOM kill, kernel >= 4.19 (mm/oom_kill.c; kubernetes/oom-killed's fixture). */
    static final String MEMCG_OOM = "Memory cgroup out of memory: Killed process 48213 (java) total-vm:5123456kB, "
            + "anon-rss:1048200kB, file-rss:21344kB, shmem-rss:0kB, UID:1000 pgtables:2688kB oom_score_adj:936";
    /** The kernel's global OOM kill (node/system-oom's fixture). */
    static final String GLOBAL_OOM = "Out of memory: Killed process 2231 (python3) total-vm:8123456kB, anon-rss:7340032kB, "
            + "file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:14560kB oom_score_adj:0";
    /** containerd 1.7 TaskOOM event (containerd/containerd#8893). */
    static final String CONTAINERD_OOM = "time=\"2024-03-14T09:12:44.118203712Z\" level=info msg=\"TaskOOM event "
            + "container_id:\\\"5e1f0c2d9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d\\\"\"";

    /** One entry to write: unit ({@code kernel} for the kernel log), priority, identifier and message bytes. */
    public record Entry(String unit, int priority, String identifier, byte[] message) {
        static Entry of(String unit, int priority, String identifier, String message) {
            return new Entry(unit, priority, identifier, message.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A node's morning: a crash loop, an image pull failure, probes, PLEG, OOM kills. */
    static List<Entry> node() {
        return List.of(
                Entry.of("kubelet", 3, "kubelet", CRASH_LOOP),
                Entry.of("kubelet", 3, "kubelet", IMAGE_PULL),
                Entry.of("kubelet", 6, "kubelet", PROBE),
                Entry.of("kubelet", 3, "kubelet", PLEG),
                Entry.of("kernel", 3, "kernel", MEMCG_OOM),
                Entry.of("kernel", 3, "kernel", GLOBAL_OOM),
                Entry.of("containerd", 6, "containerd", CONTAINERD_OOM));
    }

    private JournalFixtures() {
    }
}
