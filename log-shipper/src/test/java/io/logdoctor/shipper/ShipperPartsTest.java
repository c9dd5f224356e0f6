package io.logdoctor.shipper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pure parts: multi-line joining, exact resumption, identity matching, link names, selectors. */
class ShipperPartsTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final String TS = "2024-03-01T10:15:30.123456789Z";

    @Test
    void shouldJoinAJavaStackTraceAndFlushAfterTheTimeout() {
        MultilineJoiner joiner = new MultilineJoiner(Pattern.compile(MultilineJoiner.DEFAULT_CONTINUATION), 1000,
                Duration.ofSeconds(1));
        List<String> out = new ArrayList<>();
        for (String line : List.of("java.lang.IllegalStateException: boom", "\tat a.B.c(B.java:1)",
                "Caused by: java.io.IOException: disk", "    at x.Y.z(Y.java:2)", "\t... 12 more", "next event")) {
            joiner.accept(new ParseResult.Entry(TS, "stderr", line, out.size(), false), T0, e -> out.add(e.message()));
        }
        assertEquals(List.of("java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\nCaused by: java.io.IOException: "
                + "disk\n    at x.Y.z(Y.java:2)\n\t... 12 more"), out);
        joiner.flushIfIdle(T0.plusMillis(999), e -> out.add(e.message()));
        assertEquals(1, out.size());
        joiner.flushIfIdle(T0.plusSeconds(1), e -> out.add(e.message()));
        assertEquals("next event", out.get(1));
    }

    @Test
    void shouldCutAnEventAtTheLimitAndMarkIt() {
        MultilineJoiner joiner = new MultilineJoiner(Pattern.compile(MultilineJoiner.DEFAULT_CONTINUATION), 10,
                Duration.ofSeconds(1));
        List<ParseResult.Entry> out = new ArrayList<>();
        joiner.accept(new ParseResult.Entry(TS, "stdout", "12345678", 0, false), T0, out::add);
        joiner.accept(new ParseResult.Entry(TS, "stdout", "\tat more", 9, false), T0, out::add);
        joiner.flush(out::add);
        assertEquals("12345678\n\t", out.get(0).message());
        assertTrue(out.get(0).truncated());
    }

    @Test
    void shouldResumeExactlyWithAPartialLineOpenOnOneStream() {
        // stdout: P at 0 ... F at 30; stderr: two complete lines in between, already shipped.
        String[] lines = {TS + " stdout P first-", TS + " stderr F err-1", TS + " stderr F err-2", TS + " stdout F half"};
        long[] offsets = {0, 10, 20, 30};
        LineAssembler before = new LineAssembler(1000, null, Duration.ofSeconds(1), null);
        List<String> shipped = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            before.accept(lines[i], offsets[i], false, T0, output(shipped));
        }
        LineAssembler.ResumeState state = before.resumeState(30);
        assertEquals(new LineAssembler.ResumeState(0, 30, Map.of("stdout", 0L), "cri"), state);

        FileCheckpoint saved = FileCheckpoint.of("/f", new FileFingerprint(1, 2, 0, 0), state.offset(), state.end(),
                state.streams(), state.format());
        LineAssembler after = new LineAssembler(1000, null, Duration.ofSeconds(1), saved);
        for (int i = 0; i < 4; i++) {
            after.accept(lines[i], offsets[i], false, T0, output(shipped));
        }
        assertEquals(List.of("err-1", "err-2", "first-half"), shipped); // nothing twice, nothing lost
    }

    @Test
    void shouldDetectDockerJsonByTheFirstLine() {
        LineAssembler assembler = new LineAssembler(1000, null, Duration.ofSeconds(1), null);
        List<String> shipped = new ArrayList<>();
        assembler.accept("{\"log\":\"part-\",\"stream\":\"stdout\",\"time\":\"" + TS + "\"}", 0, false, T0, output(shipped));
        assembler.accept("{\"log\":\"one\\n\",\"stream\":\"stdout\",\"time\":\"" + TS + "\"}", 50, false, T0, output(shipped));
        assertEquals("docker", assembler.format());
        assertEquals(List.of("part-one"), shipped);
    }

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

    private static LineAssembler.Output output(List<String> shipped) {
        return new LineAssembler.Output() {
            @Override
            public void entry(ParseResult.Entry entry) {
                shipped.add(entry.message());
            }

            @Override
            public void malformed(long offset, String reason) {
                shipped.add("MALFORMED " + reason);
            }
        };
    }
}
