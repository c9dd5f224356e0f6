package io.logdoctor.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A signature's {@code about:}: the object a line names, read from the real forms that name one. */
class AboutTest {

    private static final SignatureCatalog BUNDLED = SignatureCatalog.bundled();
    private static final LineContext SCHEDULER = new LineContext("k8s", "kube-system", "kube-scheduler", null);

    @TempDir
    Path root;

    /** Lines as the scheduler, kubelet, kubectl and the event exporters print them (from the signatures' fixtures). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            kubernetes/too-many-pods | default | nginx-deployment-6b474476c4-9xk2p | I0829 13:04:51.204361       1 schedule_one.go:1004] "Unable to schedule pod; no fit; waiting" pod="default/nginx-deployment-6b474476c4-9xk2p" err="0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.."
            kubernetes/too-many-pods | batch | report-27601440-7xk2s | I0617 02:44:09.771520       1 factory.go:462] Unable to schedule batch/report-27601440-7xk2s: no fit: 0/3 nodes are available: 3 Too many pods.; waiting
            kubernetes/too-many-pods | default | nginx-deployment-6b474476c4-tz8rd | default     3m12s       Warning   FailedScheduling    pod/nginx-deployment-6b474476c4-tz8rd    0/3 nodes are available: 3 Too many pods.
            kubernetes/too-many-pods | default | nginx-deployment-6b474476c4-9xk2p | {"metadata":{"name":"nginx-deployment-6b474476c4-9xk2p.17b0c2d9e1f3a4b5","namespace":"default"},"reason":"FailedScheduling","message":"0/3 nodes are available: 3 Too many pods.","type":"Warning","reportingComponent":"default-scheduler","involvedObject":{"kind":"Pod","namespace":"default","name":"nginx-deployment-6b474476c4-9xk2p","uid":"0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a","apiVersion":"v1"}}
            kubernetes/too-many-pods | shop | web-7c9d6b5f4-m4k8s | {"verb":"UPDATED","event":{"metadata":{"name":"web-7c9d6b5f4-m4k8s.16f3a9e2b1c0d7e4","namespace":"shop"},"involvedObject":{"kind":"Pod","namespace":"shop","name":"web-7c9d6b5f4-m4k8s","uid":"9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"},"reason":"FailedScheduling","message":"0/5 nodes are available: 5 Too many pods.","type":"Warning"}}
            kubernetes/insufficient-resources | shop | cart-5f7b9c8d4-wq4lm | I0411 08:12:40.118733       1 factory.go:322] "Unable to schedule pod; no fit; waiting" pod="shop/cart-5f7b9c8d4-wq4lm" err="0/4 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 3 Insufficient cpu."
            kubernetes/crash-loop-backoff | shop | api-7d9f8b6c5-k2x8v | E0312 04:18:27.551204    3021 pod_workers.go:1298] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"api\\" with CrashLoopBackOff: \\"back-off 2m40s restarting failed container=api pod=api-7d9f8b6c5-k2x8v_shop(3f1c9a2e-8d4b-4c1a-9e7f-2b6d5a8c0e13)\\"" pod="shop/api-7d9f8b6c5-k2x8v" podUID="3f1c9a2e-8d4b-4c1a-9e7f-2b6d5a8c0e13"
            kubernetes/crash-loop-backoff | shop | api-7d9f8b6c5-k2x8v | {"reason":"BackOff","message":"Back-off restarting failed container api in pod api-7d9f8b6c5-k2x8v_shop(3f1c9a2e-8d4b-4c1a-9e7f-2b6d5a8c0e13)","type":"Warning"}
            """)
    void shouldNameTheObjectTheLineIsAbout(String signature, String namespace, String pod, String line) {
        Match match = only(signature, line);

        assertEquals(Map.of("namespace", namespace, "pod", pod), match.about());
    }

    @Test
    void shouldLeaveALineThatNamesNoObjectToItsPrinter() {
        String describe = "  Warning  FailedScheduling  2m5s (x8 over 9m14s)  default-scheduler  0/3 nodes are available: 3 Too many pods.";

        assertNull(only("kubernetes/too-many-pods", describe).about());
    }

    @Test
    void shouldReadTheObjectFromThePatternsOwnCapturesFirst() throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID.replace("scope:\n  container: [writer]\n", """
                about:
                  namespace: "%{ns}"
                  pod: "pod-%{name}"
                  from: ['(?<ns>[a-z]+)/(?<name>[a-z]+) is full']
                """).replace("quota exceeded for %{NOTSPACE:volume}", "quota exceeded in %{WORD:ns} by %{WORD:name}"));
        SignatureMatcher matcher = SignatureCatalog.load(root).matcher();
        LineContext context = new LineContext("k8s", "x", "y", null);

        assertEquals(Map.of("namespace", "shop", "pod", "pod-web"),
                matcher.match("quota exceeded in shop by web", context).get(0).about());
        assertEquals(Map.of("namespace", "data", "pod", "pod-db"),
                matcher.match("No space left on device: data/db is full", context).get(0).about());
        assertNull(matcher.match("No space left on device", context).get(0).about());
    }

    @Test
    void shouldNameFileLineAndFieldOfABadAbout() {
        assertEquals("demo/disk-full.yaml:6: field 'about.pod': names the capture 'podname', which neither a pattern under"
                        + " match: nor about.from defines (write it as %{NAME:podname} or (?<podname>...)); was '%{podname}'",
                loadError("about:\n  namespace: \"%{volume}\"\n  pod: \"%{podname}\"\n"));
        assertEquals("demo/disk-full.yaml:5: field 'about.namespace': is required with about.pod: a pod is named by its"
                        + " namespace and name; was missing",
                loadError("about:\n  pod: \"%{volume}\"\n"));
        assertEquals("demo/disk-full.yaml:5: field 'about': must name the pod or the node the line is about (the diagnosis"
                        + " is keyed by one of them); was [namespace]",
                loadError("about:\n  namespace: \"%{volume}\"\n"));
        assertTrue(loadError("about:\n  node: \"%{volume}\"\n  cluster: \"%{volume}\"\n")
                .startsWith("demo/disk-full.yaml:6: field 'about.cluster': unknown field; known fields are container, kind,"));
        assertEquals("demo/disk-full.yaml:5: field 'about.node': must use a capture of the patterns, such as \"%{pod}\";"
                        + " was 'ip-10-0-1-2'",
                loadError("about:\n  node: ip-10-0-1-2\n"));
        assertTrue(loadError("about:\n  node: \"%{n}\"\n  from: ['%{NO_SUCH:n}']\n")
                .startsWith("demo/disk-full.yaml:6: field 'about.from': does not compile ("));
    }

    @Test
    void everyBundledAboutResolvesOnSomePositiveFixture() throws IOException {
        List<String> without = new ArrayList<>();
        for (Signature s : BUNDLED.signatures()) {
            List<String> lines = s.about().isEmpty() ? List.of() : FixtureCheck.positiveLines(BUNDLED, s);
            if (!s.about().isEmpty() && lines.stream().noneMatch(line -> BUNDLED.matcher().match(line, SCHEDULER).stream()
                    .anyMatch(m -> m.signature() == s && m.about() != null))) {
                without.add(s.id());
            }
        }
        assertEquals(List.of(), without, "no positive fixture names the object their about: reads; add one (a scheduler,"
                + " kubelet or event exporter line that names the pod)");
    }

    private static Match only(String signature, String line) {
        List<Match> matches = BUNDLED.matcher().match(line, SCHEDULER).stream()
                .filter(m -> m.signature().id().equals(signature)).toList();
        assertEquals(1, matches.size(), signature + " should match " + line);
        return matches.get(0);
    }

    private String loadError(String about) {
        try {
            SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID.replace("scope:\n  container: [writer]\n", about));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return assertThrows(SignatureException.class, () -> SignatureCatalog.load(root)).getMessage();
    }
}
