package io.logdoctor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The output of {@code logdoctor match} is a contract: these tests pin it to the character. */
class MatchCommandTest {

    /** The IPAM-D line as seed 002 quotes it. */
    static final String IPAMD = "{\"level\":\"info\",\"ts\":\"2022-09-02T00:21:48.321Z\",\"caller\":\"entrypoint.sh\",\"msg\":\"Retrying waiting for IPAM-D\"}";

    @Test
    void shouldPrintTheIpamdSignatureForTheSeedLineOnStdin() {
        Console c = Console.run((IPAMD + "\n").getBytes(StandardCharsets.UTF_8), "match", "--format", "raw");

        assertEquals(0, c.exitCode());
        assertEquals("{\"file\":\"-\",\"line\":1,\"signatures\":[\"vpc-cni/ipamd-not-ready\"]}\n", c.out());
    }

    @Test
    void shouldPrintNothingForLinesThatMatchNothing() {
        Console c = Console.run("GET /healthz 200\n\n{\"level\":\"info\",\"msg\":\"ok\"}\n".getBytes(StandardCharsets.UTF_8), "match");

        assertEquals(0, c.exitCode());
        assertEquals("", c.out());
    }

    @Test
    void shouldNumberLinesPerFileAndNameTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("aws-node.log");
        Files.writeString(file, "Checking for IPAM connectivity ...\n" + IPAMD + "\nCopying config file ...\n" + IPAMD + "\n");

        Console c = Console.run("match", file.toString());

        assertEquals("{\"file\":\"" + file + "\",\"line\":2,\"signatures\":[\"vpc-cni/ipamd-not-ready\"]}\n"
                + "{\"file\":\"" + file + "\",\"line\":4,\"signatures\":[\"vpc-cni/ipamd-not-ready\"]}\n", c.out());
    }

    @Test
    void shouldUnwrapCriLinesAndJoinPartials(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("0.log");
        Files.writeString(file, "2022-09-02T00:21:48.321000000Z stdout P " + IPAMD.substring(0, 50) + "\n"
                + "2022-09-02T00:21:48.321000001Z stdout F " + IPAMD.substring(50) + "\n");

        Console c = Console.run("match", "--format", "cri", file.toString());

        // a joined line is reported where it starts, as a joined stack trace is
        assertEquals("{\"file\":\"" + file + "\",\"line\":1,\"signatures\":[\"vpc-cni/ipamd-not-ready\"]}\n", c.out());
    }

    @Test
    void shouldSurviveBinaryGarbageAndInvalidUtf8() {
        byte[] junk = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n', (byte) 0xc3, 0x28, '\n'};
        byte[] input = new byte[junk.length + IPAMD.length() + 1];
        System.arraycopy(junk, 0, input, 0, junk.length);
        System.arraycopy((IPAMD + "\n").getBytes(StandardCharsets.UTF_8), 0, input, junk.length, IPAMD.length() + 1);

        Console c = Console.run(input, "match");

        assertEquals(0, c.exitCode());
        assertEquals("{\"file\":\"-\",\"line\":3,\"signatures\":[\"vpc-cni/ipamd-not-ready\"]}\n", c.out());
    }

    @Test
    void shouldRejectAnUnknownFormatWithAClearMessage() {
        Console c = Console.run("match", "--format", "syslog");

        assertEquals(2, c.exitCode());
        assertEquals("logdoctor match: unknown format 'syslog'; use raw, cri, docker, kubectl\n", c.err());
    }

    @Test
    void shouldNameAMissingFile() {
        Console c = Console.run("match", "/no/such/file.log");

        assertEquals(2, c.exitCode());
        assertTrue(c.err().startsWith("logdoctor match: /no/such/file.log"), c.err());
    }
}
