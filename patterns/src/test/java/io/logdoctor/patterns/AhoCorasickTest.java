package io.logdoctor.patterns;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AhoCorasickTest {

    /** Occurrences as "keyword@end", in the order reported: by end, the longest first at one end. */
    private static List<String> hits(List<String> keywords, String text) {
        List<String> found = new ArrayList<>();
        new AhoCorasick(keywords).scan(text, (k, end) -> found.add(keywords.get(k) + "@" + end));
        return found;
    }

    @Test
    void shouldFindOverlappingKeywords() {
        assertEquals(List.of("she@4", "he@4", "hers@6"), hits(List.of("he", "she", "his", "hers"), "ushers"));
    }

    @Test
    void shouldFindAKeywordThatIsAPrefixOrASuffixOfAnother() {
        assertEquals(List.of("time@4", "timeout@7"), hits(List.of("timeout", "time"), "timeout"));
        assertEquals(List.of("timeout@7", "out@7"), hits(List.of("timeout", "out"), "timeout"));
    }

    @Test
    void shouldFindEveryOccurrenceIncludingRepeatsOfOneCharacter() {
        assertEquals(List.of("aa@2", "aaa@3", "aa@3", "aaa@4", "aa@4"), hits(List.of("aa", "aaa"), "aaaa"));
    }

    @Test
    void shouldReportEachCopyOfADuplicateKeyword() {
        assertEquals(List.of(0, 1), positionsOfKeywords(List.of("refused", "refused"), "connection refused"));
    }

    @Test
    void shouldFallBackThroughFailureLinksAfterAPartialMatch() {
        assertEquals(List.of("abd@6"), hits(List.of("abc", "abd"), "xababd"));
        assertEquals(List.of("bcd@5"), hits(List.of("abce", "bcd"), "xabcd"));
    }

    @Test
    void shouldMatchNonAsciiKeywordsAndSurrogatePairs() {
        assertEquals(List.of("délai@8", "日本@11"), hits(List.of("délai", "日本"), "le délai 日本"));
        assertEquals(List.of("\uD83D\uDE00!@3"), hits(List.of("\uD83D\uDE00!"), "\uD83D\uDE00!"));
        assertEquals(List.of(), hits(List.of("\uD83D\uDE00"), "\uD83D\uDE01"));
        assertEquals(List.of(), hits(List.of("é"), "e\u0301"), "UTF-16 code units, no normalisation");
    }

    @Test
    void shouldFindNothingInAnEmptyTextOrWithNoKeywords() {
        assertEquals(List.of(), hits(List.of("abc"), ""));
        assertEquals(List.of(), hits(List.of(), "abc"));
        assertEquals(1, new AhoCorasick(List.of()).states());
    }

    @Test
    void shouldRejectAnEmptyKeyword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AhoCorasick(List.of("a", "")));
        assertEquals("an empty keyword occurs everywhere; keywords were [a, ]", e.getMessage());
    }

    @Test
    void shouldAgreeWithIndexOfOnRandomTexts() {
        Random random = new Random(6);
        for (int round = 0; round < 200; round++) {
            List<String> keywords = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                keywords.add(randomText(random, 1 + random.nextInt(4)));
            }
            String text = randomText(random, random.nextInt(60));
            List<String> expected = new ArrayList<>();
            for (int end = 1; end <= text.length(); end++) {
                for (String keyword : keywords) {
                    if (text.startsWith(keyword, end - keyword.length()) && end >= keyword.length()) {
                        expected.add(keyword + "@" + end);
                    }
                }
            }
            List<String> found = hits(keywords, text);
            assertEquals(sorted(expected), sorted(found), () -> keywords + " in '" + text + "'");
        }
    }

    private static List<Integer> positionsOfKeywords(List<String> keywords, String text) {
        List<Integer> found = new ArrayList<>();
        new AhoCorasick(keywords).scan(text, (k, end) -> found.add(k));
        return found;
    }

    private static String randomText(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append("abcé".charAt(random.nextInt(4)));
        }
        return out.toString();
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }
}
