package io.logdoctor.records;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LogRecordJsonTest {

    private static final String[] PIECES = {"a", "Z", " ", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u0001",
            "\u001f", "\u007f", "é", "ß", "\u0800", "日本", "\uFFFD", "\uD83D\uDE00", "\uD83D", "\uDE00", "{", "}", ":", ",", "IPAM-D", "0.log"};

    private final LogRecordJson writer = new LogRecordJson();

    @Test
    void shouldWriteTheBytesJacksonWritesForFuzzedRecords() throws Exception {
        Random random = new Random(16);
        for (int i = 0; i < 20_000; i++) {
            LogRecord r = new LogRecord(s(random), s(random), s(random), s(random), s(random), s(random), s(random), s(random),
                    s(random), s(random), s(random), s(random), s(random), s(random),
                    random.nextInt(4) == 0 ? null : random.nextLong(), s(random),
                    random.nextInt(3) == 0 ? null : random.nextBoolean(), random.nextInt(3) == 0 ? null : random.nextBoolean(),
                    attributes(random));

            byte[] expected = Json.MAPPER.writeValueAsBytes(r);
            assertArrayEquals(expected, writer.write(r), () -> new String(expected, StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldWriteAShippedLineAsJacksonDoes() throws Exception {
        LogRecord r = LogRecord.k8s("2022-09-02T00:21:48.321Z", "prod", "ip-10-0-1-23", "kube-system", "aws-node-x", "aws-node",
                "stdout", "{\"msg\":\"Retrying waiting for IPAM-D\"}", "/var/log/pods/x/aws-node/0.log", 123, false);

        assertEquals(new String(Json.MAPPER.writeValueAsBytes(r), StandardCharsets.UTF_8),
                new String(writer.write(r), StandardCharsets.UTF_8));
    }

    @Test
    void shouldEscapeALoneSurrogateAsJacksonDoes() throws Exception {
        LogRecord r = LogRecord.k8s("t", "c", "n", "ns", "p", "c", "stdout", "a\uD83Db\uDE00", "f", 0, false);

        assertArrayEquals(Json.MAPPER.writeValueAsBytes(r), writer.write(r));
        assertEquals(r, Json.MAPPER.readValue(writer.write(r), LogRecord.class));
    }

    @Test
    void shouldNotKeepALongLinesBuffer() throws Exception {
        LogRecord big = LogRecord.k8s("t", "c", "n", "ns", "p", "c", "stdout", "x".repeat(1 << 20), "f", 0, true);
        LogRecord small = LogRecord.k8s("t", "c", "n", "ns", "p", "c", "stdout", "y", "f", 1, false);

        assertEquals(big, Json.MAPPER.readValue(writer.write(big), LogRecord.class));
        assertEquals(small, Json.MAPPER.readValue(writer.write(small), LogRecord.class));
    }

    private static Map<String, String> attributes(Random random) {
        if (random.nextInt(2) == 0) {
            return null;
        }
        Map<String, String> attributes = new HashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            attributes.put(s(random), s(random));
        }
        return attributes;
    }

    private static String s(Random random) {
        if (random.nextInt(4) == 0) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }
}
