package io.logdoctor.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RequiredLiteralsTest {

    @Test
    void shouldFindTheLongestLiteralRun() {
        assertEquals(List.of("Retrying waiting for IPAM-D"), RequiredLiterals.of("Retrying waiting for IPAM-D"));
        assertEquals(List.of(" Too many pods"), RequiredLiterals.of("\\d+ Too many pods"));
    }

    @Test
    void shouldReadEscapesAsTheCharactersTheyMatch() {
        assertEquals(List.of("msg=\"Error sending alert"), RequiredLiterals.of("msg=\\\"Error sending alerts?\\\""));
        assertEquals(List.of("\tDuration: "), RequiredLiterals.of("\\tDuration: \\d+"));
    }

    @Test
    void shouldOfferEveryBranchOfARequiredAlternation() {
        assertEquals(List.of("connection refused", "i/o timeout"),
                RequiredLiterals.of("dial tcp [^ ]+: (?:connection refused|i/o timeout)"));
    }

    @Test
    void shouldOfferNoneWhenOneBranchHasNone() {
        assertEquals(List.of("dial tcp "), RequiredLiterals.of("dial tcp (?:\\d+|refused)"));
        assertEquals(List.of(), RequiredLiterals.of("(?:\\d+|refused)"));
    }

    @Test
    void shouldIgnoreOptionalAndRepeatedParts() {
        assertEquals(List.of("alert"), RequiredLiterals.of("(?:Error sending )?alerts*"));
        assertEquals(List.of(), RequiredLiterals.of(".*x?"));
    }

    @Test
    void shouldLookIntoNamedGroupsAsJavaGrokWritesThem() {
        assertEquals(List.of("ache miss for: "), RequiredLiterals.of("(?<name0>[Cc]ache miss for: )(?<key>\\S+)"));
    }

    @Test
    void shouldGiveUpOnCaseInsensitiveExpressions() {
        assertEquals(List.of(), RequiredLiterals.of("(?i)timed out"));
    }

    @Test
    void shouldGiveUpInCommentsModeWhereSpacesAreNotLiteral() {
        assertEquals(List.of(), RequiredLiterals.of("(?x)timed out"));
    }

    @Test
    void shouldNotReadTheDigitsOfAnEscapeAsLiterals() {
        assertEquals(List.of("fail"), RequiredLiterals.of("fail\\x41bcd"));
        assertEquals(List.of("fail"), RequiredLiterals.of("fail\\u0041bcd"));
        assertEquals(List.of("fail"), RequiredLiterals.of("fail\\0101bcd"));
        assertEquals(List.of("(x)"), RequiredLiterals.of("\\(x\\)(a)\\12\\cAb"));
        assertEquals(List.of("word"), RequiredLiterals.of("\\x{1F600}word"));
    }

    @Test
    void shouldKeepASurrogatePairTogetherUnderAQuantifier() {
        assertEquals(List.of("go"), RequiredLiterals.of("go\uD83D\uDE00?"));
        assertEquals(List.of("go\uD83D\uDE00"), RequiredLiterals.of("go\uD83D\uDE00+"));
    }
}
