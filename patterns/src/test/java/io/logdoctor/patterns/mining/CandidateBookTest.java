package io.logdoctor.patterns.mining;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CandidateBookTest {

    @Test
    void shouldKeepCountsTimesScopesAndRedactedExamples() {
        CandidateBook book = new CandidateBook(TemplateMiner.Settings.DEFAULT);
        book.observe("ERROR upstream 10.0.0.1 refused password=hunter2", "ns/a", 1_000);
        book.observe("ERROR upstream 10.0.0.2 refused password=hunter3", "ns/b", 121_000);
        book.observe("ERROR upstream 10.0.0.3 refused password=hunter4", "ns/a", 61_000);
        book.observe("WARN slow", "ns/a", 5_000);

        Candidate top = book.ranked().get(0);
        assertEquals(3, top.count());
        assertEquals(1_000, top.firstSeen());
        assertEquals(121_000, top.lastSeen());
        assertEquals(List.of("ns/a", "ns/b"), top.scopes());
        assertEquals(1.5, top.ratePerMinute(), 1e-9); // 3 lines over 2 minutes
        assertEquals("ERROR upstream <IP> refused password=[REDACTED]", top.examples().get(0).replace("10.0.0.1", "<IP>"));
        assertEquals(top.id(), book.ranked().get(0).id());
        assertEquals(2, book.ranked().size());
    }
}
