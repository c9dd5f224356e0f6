package io.logdoctor.shipper.files;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure file parts: identity matching, link names, selectors. */
class ShipperPartsTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final String TS = "2024-03-01T10:15:30.123456789Z";

    @Test
    void shouldTellInodeReuseAndCopiesApart() {
        byte[] content = (TS + " stdout F hello\n").getBytes(StandardCharsets.UTF_8);
        FileFingerprint original = new FileFingerprint(1, 2, content.length, FileFingerprint.crc(content, content.length));
        FileCheckpoint saved = FileCheckpoint.of("/pods/p/c/0.log", original, 10, 10, Map.of(), "cri");
        CheckpointMatcher matcher = new CheckpointMatcher();
        matcher.reset(Map.of(saved.key(), saved), T0);

        byte[] other = (TS + " stdout F reused\n").getBytes(StandardCharsets.UTF_8);
        var reused = matcher.decide(Path.of("/pods/p/c/0.log"), new FileFingerprint(1, 2, 0, 0), other,
                other.length, false, false, List.of(), T0);
        assertEquals(new CheckpointMatcher.Decision.Start(null), reused); // same inode, other content: a new file

        var copy = matcher.decide(Path.of("/pods/p/c/0.log.1"), new FileFingerprint(1, 9, 0, 0), content,
                content.length, true, false, List.of(), T0);
        assertEquals(new CheckpointMatcher.Decision.Start(saved, saved.key()), copy); // a copy resumes where the original was

        var inProgress = matcher.decide(Path.of("/pods/p/c/0.log.2"), new FileFingerprint(1, 10, 0, 0),
                content, content.length, true, false, List.of(original), T0);
        assertInstanceOf(CheckpointMatcher.Decision.Wait.class, inProgress);
        assertEquals(new CheckpointMatcher.Decision.SkipTo(content.length, null), matcher.decide(
                Path.of("/pods/p/c/0.log.2"), new FileFingerprint(1, 10, 0, 0), content, content.length,
                true, false, List.of(original), T0.plus(CheckpointMatcher.COPY_WAIT)));
    }

    @Test
    void shouldParseContainerLinksAndSurviveTheCutAt255Bytes() {
        String id = "a".repeat(64);
        assertEquals(Optional.of(new ContainerLogLink("coredns-5d78c9869d-abcde", "kube-system", "coredns", id)),
                ContainerLogLink.parse("coredns-5d78c9869d-abcde_kube-system_coredns-" + id + ".log"));
        String longPod = "p".repeat(200);
        String cut = (longPod + "_default_app-" + id).substring(0, 251) + ".log";
        assertEquals(255, cut.length());
        ContainerLogLink link = ContainerLogLink.parse(cut).orElseThrow();
        assertFalse(link.complete());
        assertEquals(new ContainerLogLink(longPod, "default", null, null), link);
        assertEquals(Optional.empty(), ContainerLogLink.parse("not-a-link.txt"));
    }

    @Test
    void shouldSelectByNamespacePodAndContainerGlobs() {
        PodSelector selector = new PodSelector(List.of("kube-system", "shop/api-*"), List.of("*/*/istio-proxy"));
        assertTrue(selector.selects("kube-system", "coredns-1", "coredns"));
        assertTrue(selector.selects("shop", "api-7d9f", "api"));
        assertFalse(selector.selects("shop", "worker-1", "worker"));
        assertFalse(selector.selects("shop", "api-7d9f", "istio-proxy"));
        assertTrue(PodSelector.all().selects("any", "pod", "c"));
    }
}
