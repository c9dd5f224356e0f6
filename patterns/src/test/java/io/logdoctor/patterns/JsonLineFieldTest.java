package io.logdoctor.patterns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The walk finds the top-level line string where Jackson reads it, and says NONE whenever it is not sure. */
class JsonLineFieldTest {

    /** Jackson as strict as the decoder: no trailing tokens after the object. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    @Test
    void shouldFindTheLineOfRecordsAsTheShipperAndJacksonWriteThem() throws Exception {
        LogRecord k8s = LogRecord.k8s("2026-12-07T12:00:00.1Z", "prod", "ip-10-0-1-2", "shop", "api-7d9f", "api", "stderr",
                "say \"hi\" \\ to\ttab, é and 日本 \uD83D\uDE00", "/var/log/pods/x/0.log", 42, false);
        LogRecord withAttributes = new LogRecord("2026-12-07T12:00:00Z", "k8s-event", "prod", null, "shop", "api", null, null, null,
                null, null, null, "Back-off restarting failed container", null, null, null, null, null,
                Map.of("line", "an attribute named line", "reason", "BackOff"));
        for (LogRecord record : List.of(k8s, withAttributes)) {
            for (byte[] bytes : List.of(Json.MAPPER.writeValueAsBytes(record),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(record))) {
                assertEquals(record.line(), lineAt(bytes), new String(bytes, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void shouldTakeOnlyTheTopLevelLine() {
        assertEquals("top", lineAt("{\"attributes\":{\"line\":\"nested\"},\"line\":\"top\"}"));
        assertEquals("top", lineAt("{\"line\":\"top\",\"a\":[{\"line\":\"x\"},[\"line\"]]}"));
        assertEquals("top", lineAt("{\"msg\":\"\\\"line\\\":\\\"fake\\\"\",\"line\":\"top\"}"));
        assertEquals("", lineAt(" {\n \"line\" : \"\" ,\"n\":-0.5e+3,\"t\":true,\"f\":false,\"z\":null } \n"));
        assertEquals("\\u0041\\/", new String(slice("{\"line\":\"\\u0041\\/\"}"), StandardCharsets.UTF_8), "escapes are the filter's to judge");
    }

    @Test
    void shouldSayNoneWhereItIsNotSure() {
        for (String json : List.of("", "  ", "null", "\"line\"", "[{\"line\":\"x\"}]", "{}", "{\"a\":1}",
                "{\"line\":null}", "{\"line\":5}", "{\"line\":{\"line\":\"x\"}}", "{\"line\":\"a\",\"line\":\"b\"}",
                "{\"\\u006cine\":\"x\"}", "{\"line\":\"x\"}x", "{\"line\":\"x\"}{}", "{\"line\":\"x\",}", "{\"line\":\"x\"",
                "{\"line\":\"x", "{\"a\":[1},\"line\":\"x\"}", "{\"a\":01,\"line\":\"x\"}", "{\"a\":1.,\"line\":\"x\"}",
                "{\"a\":-,\"line\":\"x\"}", "{\"a\":tru,\"line\":\"x\"}", "{\"line\":\"bad \\x escape\"}",
                "{\"line\":\"raw\ttab\"}", "{\"line\":\"\\u00G1\"}", "{line:\"x\"}", "{\"line\" \"x\"}", "\uFEFF{\"line\":\"x\"}")) {
            assertEquals(JsonLineField.NONE, JsonLineField.find(json.getBytes(StandardCharsets.UTF_8)), json);
        }
        assertEquals(JsonLineField.NONE, JsonLineField.find("{\"line\":\"x\"}".getBytes(StandardCharsets.UTF_16LE)));
        assertEquals(JsonLineField.NONE, JsonLineField.find(("{\"line\":\"x\",\"a\":" + "[".repeat(65) + "]".repeat(65) + "}")
                .getBytes(StandardCharsets.UTF_8)), "deeper than the walk follows");
    }

    /**
     * Records broken at random (a byte dropped, a JSON character put in, cut short): wherever the walk finds a line,
     * Jackson reads the same object and the same line; and it finds one in every record left whole.
     */
    @Test
    void shouldAgreeWithJacksonOnRecordsBrokenAtRandom() throws Exception {
        byte[] whole = Json.MAPPER.writeValueAsBytes(new LogRecord("2026-12-07T12:00:00Z", "k8s", "prod", "n", "shop", "api", "api",
                "stdout", null, null, null, null, "GET /health 200 \"ok\" {\"line\":1} [x]", "/var/log/pods/x/0.log", 7L, null, false,
                null, Map.of("k", "v", "line", "no")));
        byte[] inserts = "\"\\{}[],: l0-.e".getBytes(StandardCharsets.US_ASCII);
        Random random = new Random(16);
        int found = 0;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] broken = broken(whole, inserts, random);
            long range = JsonLineField.find(broken);
            if (range == JsonLineField.NONE) {
                continue;
            }
            found++;
            String text = new String(broken, StandardCharsets.UTF_8);
            try {
                JsonNode node = STRICT.readTree(broken);
                String walked = STRICT.readValue("\"" + new String(slice(broken, range), StandardCharsets.UTF_8) + "\"", String.class);
                if (!node.isObject() || !node.path("line").isTextual() || !node.path("line").asText().equals(walked)) {
                    disagreements.add(text + " -> " + walked);
                }
            } catch (JsonProcessingException e) {
                disagreements.add(text + " -> Jackson: " + e.getOriginalMessage());
            }
        }
        assertEquals(List.of(), disagreements.subList(0, Math.min(5, disagreements.size())));
        assertTrue(found > 2_000, "records the walk was sure of: " + found);
    }

    private static byte[] broken(byte[] whole, byte[] inserts, Random random) {
        int at = random.nextInt(whole.length);
        return switch (random.nextInt(3)) {
            case 0 -> concat(whole, at, new byte[0], at + 1);
            case 1 -> concat(whole, at, new byte[]{inserts[random.nextInt(inserts.length)]}, at);
            default -> concat(whole, at, new byte[0], whole.length);
        };
    }

    private static byte[] concat(byte[] whole, int cut, byte[] insert, int resume) {
        byte[] out = new byte[cut + insert.length + whole.length - resume];
        System.arraycopy(whole, 0, out, 0, cut);
        System.arraycopy(insert, 0, out, cut, insert.length);
        System.arraycopy(whole, resume, out, cut + insert.length, whole.length - resume);
        return out;
    }

    private static String lineAt(String json) {
        return lineAt(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String lineAt(byte[] json) {
        try {
            return STRICT.readValue("\"" + new String(slice(json, JsonLineField.find(json)), StandardCharsets.UTF_8) + "\"",
                    String.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] slice(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return slice(bytes, JsonLineField.find(bytes));
    }

    private static byte[] slice(byte[] json, long range) {
        assertTrue(range != JsonLineField.NONE, () -> "no line found in " + new String(json, StandardCharsets.UTF_8));
        return Arrays.copyOfRange(json, (int) (range >>> 32), (int) range);
    }
}
