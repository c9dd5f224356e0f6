package io.logdoctor.patterns.mining;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LikenessTest {

    private final Likeness likeness = new Likeness(List.of(
            "ERROR ledger shard 1 refused read: quorum lost",
            "ERROR ledger shard 1 accepted write: quorum restored"));

    @Test
    void shouldScoreSharedMaskedTokensOverTheLongerLine() {
        Likeness.Closest c = likeness.closest("ERROR ledger shard 12 refused read: quorum lost after 3ms");

        assertEquals(0, c.index());
        assertEquals(8.0 / 10, c.score(), 1e-9); // 8 shared (the shard numbers masked alike) of 10 tokens
        assertEquals("ERROR ledger shard 1 refused read: quorum lost", c.reference());
        assertEquals(1.0, likeness.closest("ERROR ledger shard 7 accepted write: quorum restored").score(), 1e-9);
    }

    @Test
    void shouldCompareOnlyLinesThatHoldTheAnchorOfAReference() {
        assertEquals(Arrays.asList("refused", "accepted"), likeness.anchors()); // the first longest word
        assertNull(likeness.closest("ERROR ledger shard 1 lost its quorum")); // neither anchor
        assertTrue(likeness.mayResemble("{\"line\":\"ERROR ledger shard 3 refused read\",\"pod\":\"a\"}"));
        assertFalse(likeness.mayResemble("{\"line\":\"INFO served request 3\"}"));
        assertEquals(6.0 / 8, likeness.closestOfAll("ERROR ledger shard 1 lost its quorum").score(), 1e-9); // order aside
    }

    @Test
    void shouldNeverAnchorOnAVariableOrOnWhatJsonWouldEscape() {
        assertNull(Likeness.anchor("x 123456789 10.0.0.1 1234567890ms \"ab\" été"));
        Likeness quoted = new Likeness(List.of("pool said \"exhausted\" twice"));
        assertEquals(List.of("exhausted"), quoted.anchors());
        assertTrue(quoted.mayResemble("{\"line\":\"pool said \\\"exhausted\\\" again\"}"));
        Likeness unanchored = new Likeness(List.of("pool said \"exhausted\" twice", "id 42 ok"));
        assertTrue(unanchored.mayResemble("nothing alike")); // "id 42 ok" has no word to search for
        assertEquals(1.0, unanchored.closest("id 7 ok").score(), 1e-9);
    }
}
