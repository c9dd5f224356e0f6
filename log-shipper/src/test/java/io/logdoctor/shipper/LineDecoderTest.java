package io.logdoctor.shipper;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The offline decoder is the shipper's assembler: partial lines, stack traces, formats, line numbers. */
class LineDecoderTest {

    private static final String TS = "2022-09-02T00:21:48.321Z";

    @Test
    void shouldPassRawLinesThroughOneEventEach() {
        LineDecoder raw = LineDecoder.of("raw");

        assertEquals(List.of("  any text {\"x\":1}"), lines(raw, "  any text {\"x\":1}"));
        assertEquals(List.of("\tat a.B.c(B.java:1)"), lines(raw, "\tat a.B.c(B.java:1)")); // not joined: raw is raw
        assertEquals(List.of(), raw.finish());
    }

    @Test
    void shouldUnwrapAndJoinCriPartialLines() {
        LineDecoder cri = LineDecoder.of("cri");

        assertEquals(List.of(), lines(cri, TS + " stdout P Retrying wait"));
        assertEquals(List.of(), lines(cri, "2022-09-02T00:21:48.322Z stdout F ing for IPAM-D"));
        assertEquals(List.of(new LineDecoder.Decoded(TS, "stdout", "Retrying waiting for IPAM-D", 1, false)), cri.finish());
    }

    @Test
    void shouldJoinAStackTraceAsTheShipperShipsIt() {
        List<LineDecoder.Decoded> out = decodeAll("cri",
                TS + " stderr F Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space",
                TS + " stdout F unrelated stdout line",
                TS + " stderr F \tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)",
                TS + " stderr F Caused by: java.io.IOException: disk",
                TS + " stderr F next event");

        assertEquals(List.of("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n"
                        + "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)\nCaused by: java.io.IOException: disk",
                "next event", "unrelated stdout line"), out.stream().map(LineDecoder.Decoded::line).toList());
        // Each stream's events are held until the stream shows they are complete, so streams may come out of order.
        assertEquals(List.of(1L, 5L, 2L), out.stream().map(LineDecoder.Decoded::firstLine).toList());
    }

    @Test
    void shouldUnwrapAndJoinDockerJsonLinesPerStream() {
        List<String> out = decodeAll("docker",
                "{\"log\":\"cache miss \",\"stream\":\"stdout\",\"time\":\"2023-03-04T10:00:00.1Z\"}",
                "{\"log\":\"other\\n\",\"stream\":\"stderr\",\"time\":\"2023-03-04T10:00:00.2Z\"}",
                "{\"log\":\"for: update-center-2.375.2\\n\",\"stream\":\"stdout\",\"time\":\"2023-03-04T10:00:00.3Z\"}")
                .stream().map(LineDecoder.Decoded::line).toList();

        assertEquals(List.of("cache miss for: update-center-2.375.2", "other"), out); // per stream, at the end
    }

    @Test
    void shouldReadKubectlLogsWithAndWithoutTimestamps() {
        List<LineDecoder.Decoded> out = decodeAll("kubectl",
                "2024-03-01T10:15:30.123456789Z {\"level\":\"info\",\"msg\":\"Retrying waiting for IPAM-D\"}",
                "plain line without a time",
                "java.lang.IllegalStateException: boom",
                "\tat a.B.c(B.java:1)");

        assertEquals(List.of(
                new LineDecoder.Decoded("2024-03-01T10:15:30.123456789Z", "stdout",
                        "{\"level\":\"info\",\"msg\":\"Retrying waiting for IPAM-D\"}", 1, false),
                new LineDecoder.Decoded(null, "stdout", "plain line without a time", 2, false),
                new LineDecoder.Decoded(null, "stdout", "java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)", 3, false)),
                out);
    }

    @Test
    void shouldNotTakeAWordThatOnlyLooksLikeATimeForOne() {
        assertEquals(List.of("2024-13-45T99:99:99Z is not a time"), decodeAll("kubectl", "2024-13-45T99:99:99Z is not a time")
                .stream().map(LineDecoder.Decoded::line).toList());
    }

    @Test
    void shouldSkipAndCountMalformedLines() {
        LineDecoder docker = LineDecoder.of("docker");

        assertEquals(List.of(), lines(docker, "not json at all"));
        assertEquals(List.of(), lines(docker, "{\"stream\":\"stdout\"}"));
        assertEquals(2, docker.malformed());
    }

    @Test
    void shouldRejectAnUnknownFormat() {
        assertEquals("unknown format 'syslog'; use raw, cri, docker, kubectl",
                assertThrows(IllegalArgumentException.class, () -> LineDecoder.of("syslog")).getMessage());
    }

    private static List<String> lines(LineDecoder decoder, String physicalLine) {
        return decoder.decode(physicalLine).stream().map(LineDecoder.Decoded::line).toList();
    }

    private static List<LineDecoder.Decoded> decodeAll(String format, String... lines) {
        LineDecoder decoder = LineDecoder.of(format);
        List<LineDecoder.Decoded> out = new ArrayList<>();
        for (String line : lines) {
            out.addAll(decoder.decode(line));
        }
        out.addAll(decoder.finish());
        return out;
    }
}
