package io.logdoctor.patterns;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.logdoctor.records.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLiteralFilterTest {

    /** Go's encoding/json escapes < > & and some encoders every non-ASCII character: both as \\u. */
    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Test
    void shouldEscapeLiteralsAsJsonWritesThemInAString() {
        assertEquals("\\\"msg\\\":\\\"x", JsonLiteralFilter.escaped("\"msg\":\"x"));
        assertEquals("C:\\\\temp\\tx\\n", JsonLiteralFilter.escaped("C:\\temp\tx\n"));
        assertEquals("délai 日本 \uD83D\uDE00 </a>", JsonLiteralFilter.escaped("délai 日本 \uD83D\uDE00 </a>"));
        assertNull(JsonLiteralFilter.escaped("bell\u0007"), "only \\u0007 can write it");
        assertNull(JsonLiteralFilter.escaped("lone \uD800"));
    }

    @Test
    void shouldFindNothingWithNoLiteralsInAPlainRecord() {
        JsonLiteralFilter none = JsonLiteralFilter.of(List.of());

        assertFalse(none.mayContain("{\"line\":\"x\"}".getBytes()));
        assertTrue(none.mayContain("{\"line\":\"\\u0078\"}".getBytes()));
    }

    /**
     * Fuzzed lines with quotes, backslashes, controls, unicode and literals split by escapes, written by
     * Jackson as it is and as an escaping encoder: a record whose line holds a literal is always admitted,
     * and a plain record none of whose strings (escaped) holds one is refused, so the filter does filter.
     */
    @Test
    void shouldAdmitEveryRecordWhoseLineHoldsALiteral() throws IOException {
        Random random = new Random(16);
        String[] pieces = {"a", "b", "\"", "\\", "\n", "\t", "\u0001", "é", "日", "\uD83D\uDE00", "/", "<", " ", "u", "x"};
        int refused = 0;
        for (int round = 0; round < 1_500; round++) {
            List<String> literals = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                literals.add(text(random, pieces, 1 + random.nextInt(6)));
            }
            JsonLiteralFilter filter = JsonLiteralFilter.of(literals);
            for (int l = 0; l < 10; l++) {
                String line = text(random, pieces, random.nextInt(30));
                if (random.nextInt(3) == 0) {
                    String lit = literals.get(random.nextInt(literals.size()));
                    int at = random.nextInt(line.length() + 1);
                    line = line.substring(0, at) + lit + line.substring(at);
                }
                refused += check(filter, literals, line);
            }
        }
        assertTrue(refused > 2_000, "refused: " + refused);
    }

    /** Checks one line written both ways; returns how many of the two records were refused. */
    private static int check(JsonLiteralFilter filter, List<String> literals, String line) throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("ts", "2026-12-06T14:00:00Z");
        record.put("line", line);
        record.put("offset", 42);
        boolean holds = literals.stream().anyMatch(line::contains);
        int refused = 0;
        for (ObjectMapper mapper : List.of(Json.MAPPER, ESCAPING)) {
            byte[] json = mapper.writeValueAsBytes(record);
            boolean admitted = filter.mayContain(json);
            String shown = new String(json, StandardCharsets.UTF_8);
            if (holds) {
                assertTrue(admitted, () -> literals + " in " + shown);
            }
            boolean escapedSomewhere = literals.stream().map(JsonLiteralFilter::escaped).anyMatch(e -> e != null && shown.contains(e));
            if (!escapedSomewhere && JsonLiteralFilter.plainlyEscaped(json)) {
                assertFalse(admitted, () -> literals + " not in " + shown);
                refused++;
            }
        }
        return refused;
    }

    private static String text(Random random, String[] pieces, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(pieces[random.nextInt(pieces.length)]);
        }
        return out.toString();
    }
}
