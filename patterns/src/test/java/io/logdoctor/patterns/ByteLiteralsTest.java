package io.logdoctor.patterns;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteLiteralsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Occurrences as "literal@start", in the order reported. */
    private static List<String> hits(List<String> literals, String text) {
        List<String> found = new ArrayList<>();
        byte[] bytes = utf8(text);
        ByteLiterals.of(literals.stream().map(ByteLiteralsTest::utf8).toList())
                .scan(bytes, 0, bytes.length, (k, start) -> found.add(literals.get(k) + "@" + start));
        return found;
    }

    @Test
    void shouldFindLiteralsAtBothEndsAndOverlapping() {
        assertEquals(List.of("timeout@0", "out@4"), hits(List.of("timeout", "out"), "timeout"));
        assertEquals(List.of("refused@11"), hits(List.of("refused"), "connection refused"));
        assertEquals(List.of("aa@0", "aa@1", "aa@2"), hits(List.of("aa"), "aaaa"));
        assertEquals(List.of("x@0"), hits(List.of("x"), "x"));
    }

    @Test
    void shouldFindMultiByteLiteralsAndNotHalvesOfCharacters() {
        assertEquals(List.of("délai@3"), hits(List.of("délai"), "le délai"));
        assertEquals(List.of(), hits(List.of("é"), "e\u0301"), "bytes, no normalisation");
        assertEquals(List.of("日本@0"), hits(List.of("日本"), "日本語"));
    }

    @Test
    void shouldSearchOnlyTheRangeGiven() {
        ByteLiterals search = ByteLiterals.of(List.of(utf8("abc")));
        byte[] text = utf8("abcXabc");

        assertFalse(search.anyIn(text, 1, 6), "abc cut at both ends");
        assertTrue(search.anyIn(text, 4, 7));
        assertTrue(search.anyIn(text, 0, 3));
        assertFalse(search.anyIn(text, 0, 2));
    }

    @Test
    void shouldRejectAnEmptyLiteral() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteLiterals.of(List.of(utf8("a"), utf8(""))));
        assertEquals("an empty literal occurs everywhere (literal 1 of 2)", e.getMessage());
    }

    @Test
    void shouldFindNothingWithNoLiterals() {
        assertFalse(ByteLiterals.of(List.of()).anyIn(utf8("abc"), 0, 3));
    }

    /** Every occurrence, as a naive search finds it, over random literals and texts from a small alphabet. */
    @Test
    void shouldAgreeWithANaiveSearchOnRandomTexts() {
        Random random = new Random(16);
        String alphabet = "abcé\"\\ ";
        for (int round = 0; round < 3_000; round++) {
            List<String> literals = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(12); k++) {
                literals.add(randomText(random, alphabet, 1 + random.nextInt(round % 3 == 0 ? 3 : 16)));
            }
            String text = randomText(random, alphabet, random.nextInt(80));
            byte[] bytes = utf8(text);
            int from = random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < literals.size(); k++) {
                byte[] lit = utf8(literals.get(k));
                for (int s = from; s + lit.length <= to; s++) {
                    if (Arrays.equals(lit, 0, lit.length, bytes, s, s + lit.length)) {
                        expected.add(k + "@" + s);
                    }
                }
            }
            List<String> found = new ArrayList<>();
            ByteLiterals search = ByteLiterals.of(literals.stream().map(ByteLiteralsTest::utf8).toList());
            search.scan(bytes, from, to, (k, s) -> found.add(k + "@" + s));
            assertEquals(expected.stream().sorted().toList(), found.stream().sorted().toList(),
                    () -> literals + " in '" + text + "' [" + from + ", " + to + ")");
            assertEquals(!expected.isEmpty(), search.anyIn(bytes, from, to), () -> literals + " in '" + text + "'");
        }
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
