package io.logdoctor.shipper.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PodLogPathTest {

    private static final Path ROOT = Path.of("/var/log/pods");
    private static final String UID = "5f3c1b2a-9d4e-4f6a-8b7c-0123456789ab";

    @Test
    void shouldParseKubeletPodLogPath() {
        Path file = ROOT.resolve("kube-system_aws-node-7x2kq_" + UID + "/aws-vpc-cni-init/3.log");

        assertEquals(Optional.of(new PodLogPath("kube-system", "aws-node-7x2kq", UID, "aws-vpc-cni-init", 3)),
                PodLogPath.parse(ROOT, file));
    }

    @Test
    void shouldAcceptDottedPodNames() {
        Path file = ROOT.resolve("default_web.v2-0_" + UID + "/app/0.log");

        assertEquals("web.v2-0", PodLogPath.parse(ROOT, file).orElseThrow().pod());
    }

    @Test
    void shouldAcceptStaticPodHashUid() {
        Path file = ROOT.resolve("kube-system_kube-apiserver-ip-10-0-1-5_1e0a8f4b8b0c2d3e4f5a6b7c8d9e0f1a/"
                + "kube-apiserver/0.log");

        assertEquals("1e0a8f4b8b0c2d3e4f5a6b7c8d9e0f1a", PodLogPath.parse(ROOT, file).orElseThrow().uid());
    }

    @Test
    void shouldAcceptRelativeRootAndFile() {
        Path root = Path.of("samples/pods");

        assertEquals(0, PodLogPath.parse(root, root.resolve("ns_p_" + UID + "/c/0.log")).orElseThrow().restartCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "default_web_" + UID + "/app/0.log.20240102-150405", // rotated by the kubelet
            "default_web_" + UID + "/app/0.log.20240102-150405.gz", // rotated and compressed
            "default_web_" + UID + "/app/0.txt",
            "default_web_" + UID + "/app/-1.log",
            "default_web_" + UID + "/app/01.log",
            "default_web_" + UID + "/app/99999999999.log", // beyond an int
            "default_web_" + UID + "/0.log", // no container directory
            "default_web_" + UID + "/app/extra/0.log",
            "default_web_extra_" + UID + "/app/0.log", // an underscore too many
            "default_web/app/0.log",
            "Default_web_" + UID + "/app/0.log", // upper case is not DNS-1123
            "default_web_not-a-uid/app/0.log",
            "default_web_" + UID + "/App/0.log",
            "default_web_" + UID + "/a.b/0.log", // a container name is a label, not a subdomain
            "default_-web_" + UID + "/app/0.log",
    })
    void shouldRejectAnythingElse(String relative) {
        assertEquals(Optional.empty(), PodLogPath.parse(ROOT, ROOT.resolve(relative)));
    }

    @Test
    void shouldRejectFilesOutsideTheRoot() {
        assertEquals(Optional.empty(), PodLogPath.parse(ROOT, Path.of("/tmp/default_web_" + UID + "/app/0.log")));
    }
}
