package io.logdoctor.shipper.decode;

import io.logdoctor.shipper.files.FileCheckpoint;
import io.logdoctor.shipper.files.FileFingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pure decode parts: multi-line joining, exact resumption, format detection. */
class DecodePartsTest {

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
