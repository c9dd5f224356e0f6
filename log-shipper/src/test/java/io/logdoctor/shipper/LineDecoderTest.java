package io.logdoctor.shipper;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LineDecoderTest {

    @Test
    void shouldPassRawLinesThrough() {
        assertEquals(List.of("  any text {\"x\":1}"), LineDecoder.of("raw").feed("  any text {\"x\":1}"));
    }

    @Test
    void shouldUnwrapAndJoinCriLines() {
        LineDecoder cri = LineDecoder.of("cri");

        assertEquals(List.of(), cri.feed("2022-09-02T00:21:48.321Z stdout P Retrying wait"));
        assertEquals(List.of("Retrying waiting for IPAM-D"), cri.feed("2022-09-02T00:21:48.322Z stdout F ing for IPAM-D"));
    }

    @Test
    void shouldUnwrapAndJoinDockerJsonLinesPerStream() {
        LineDecoder docker = LineDecoder.of("docker");

        assertEquals(List.of(), docker.feed("{\"log\":\"cache miss \",\"stream\":\"stdout\",\"time\":\"2023-03-04T10:00:00.1Z\"}"));
        assertEquals(List.of("other"), docker.feed("{\"log\":\"other\\n\",\"stream\":\"stderr\",\"time\":\"2023-03-04T10:00:00.2Z\"}"));
        assertEquals(List.of("cache miss for: update-center-2.375.2"),
                docker.feed("{\"log\":\"for: update-center-2.375.2\\n\",\"stream\":\"stdout\",\"time\":\"2023-03-04T10:00:00.3Z\"}"));
    }

    @Test
    void shouldSkipAndCountMalformedLines() {
        LineDecoder docker = LineDecoder.of("docker");

        assertEquals(List.of(), docker.feed("not json at all"));
        assertEquals(List.of(), docker.feed("{\"stream\":\"stdout\"}"));
        assertEquals(2, docker.malformed());
    }

    @Test
    void shouldRejectAnUnknownFormat() {
        assertEquals("unknown format 'syslog'; use raw, cri or docker",
                assertThrows(IllegalArgumentException.class, () -> LineDecoder.of("syslog")).getMessage());
    }
}
