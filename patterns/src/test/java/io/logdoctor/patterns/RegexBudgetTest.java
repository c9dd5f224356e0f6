package io.logdoctor.patterns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegexBudgetTest {

    @TempDir
    Path root;

    /**
     * Java 9+ remembers where a greedy loop already failed, so the textbook {@code (a+)+b} is no
     * longer exponential; a loop of {@code .*} is, and a back reference turns that memory off.
     */
    private static final String HOSTILE = "(.*a){20}b";

    @Test
    void shouldGiveUpOnCatastrophicBacktrackingAndCountTheTrip() throws IOException {
        // (?i) gives the prefilter no literal, so the regex runs on every line: only the budget stops it
        SignatureMatcher matcher = catalog("(?i)" + HOSTILE).matcher();

        // about 50^20 ways to place the 20 a's: without a budget this find() would not return in our lifetime
        List<Match> matches = matcher.match("a".repeat(50), LineContext.UNKNOWN);

        assertEquals(List.of(), matches);
        assertEquals(1, matcher.budgetTrips());
        assertEquals(List.of(), matcher.match("GET /healthz 200", LineContext.UNKNOWN));
        assertEquals(1, matcher.budgetTrips(), "a short line with no a in it is cheap, even for this pattern");
    }

    @Test
    void shouldTripOnABackReferenceLoop() throws IOException {
        SignatureMatcher matcher = catalog("(?:(a)\\1?)+b").matcher();

        assertEquals(List.of(), matcher.match("b" + "a".repeat(50), LineContext.UNKNOWN));
        assertEquals(1, matcher.budgetTrips());
    }

    @Test
    void shouldNotNeedTheBudgetForTheTextbookCaseOnJava17() throws IOException {
        SignatureMatcher matcher = catalog("(a+)+b").matcher();

        assertEquals(List.of(), matcher.match("a".repeat(50), LineContext.UNKNOWN), "no 'b': the prefilter skips it");
        assertEquals(List.of(), matcher.match("b" + "a".repeat(50), LineContext.UNKNOWN), "the regex runs, and is quick");
        assertEquals(0, matcher.budgetTrips());
    }

    @Test
    void shouldStillMatchTheOtherSignaturesOfALineThatTrippedOne() throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID.replace("'No space left on device'", "'a{40}'"));
        SignatureMatcher matcher = catalog("(?i)" + HOSTILE).matcher();

        List<Match> matches = matcher.match("a".repeat(50), LineContext.UNKNOWN);

        assertEquals(List.of("demo/disk-full"), matches.stream().map(m -> m.signature().id()).toList());
        assertEquals(1, matcher.budgetTrips());
    }

    private SignatureCatalog catalog(String hostilePattern) throws IOException {
        SignatureFiles.write(root, "demo/hostile.yaml", SignatureFiles.VALID.replace("demo/disk-full", "demo/hostile")
                .replace("'No space left on device'", "'" + hostilePattern + "'")
                .replace("  quota: 'quota exceeded for %{NOTSPACE:volume}'\n", ""));
        return SignatureCatalog.load(root);
    }

    @Test
    void shouldLetSoundPatternsOfTheCatalogueFinishWellWithinTheBudget() throws IOException {
        SignatureCatalog catalog = SignatureCatalog.bundled();
        long worstPerChar = 0;
        for (String line : FixtureLines.under(catalog.root(), ".log")) {
            for (Signature s : catalog.signatures()) {
                for (Pattern p : s.compiled().values()) {
                    CountingLine counting = new CountingLine(line);
                    p.matcher(counting).find();
                    worstPerChar = Math.max(worstPerChar, counting.reads / Math.max(1, line.length()));
                }
            }
        }
        assertTrue(worstPerChar * 10 <= RegexBudget.DEFAULT.perChar(), "worst reads per character: " + worstPerChar);
    }

    @Test
    void shouldStopReadingWhenTheBudgetIsSpent() {
        BudgetedLine line = new BudgetedLine("abc").allow(2);
        assertEquals('a', line.charAt(0));
        assertEquals('b', line.charAt(1));
        assertThrows(BudgetedLine.Exhausted.class, () -> line.charAt(2));
        assertEquals('c', line.allow(1).charAt(2));
    }

    @Test
    void shouldLogTheFirstTripAtOnceAndThenAtMostOnePerInterval() {
        AtomicLong now = new AtomicLong(1_000);
        BudgetTrips trips = new BudgetTrips(now::get, 60, TimeUnit.SECONDS);
        Signature signature = SignatureCatalog.bundled().signatures().get(0);

        assertTrue(trips.record(signature, "p", "aaaa"));
        assertFalse(trips.record(signature, "p", "aaaa"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(59));
        assertFalse(trips.record(signature, "p", "aaaa"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertTrue(trips.record(signature, "p", "aaaa"));
        assertEquals(4, trips.count());
    }

    @Test
    void shouldCutTheLineInTheLogAndHideControlCharacters() {
        assertEquals("a?b", BudgetTrips.excerpt("a\u001bb"));
        assertEquals("x".repeat(200) + "...(50 more chars)", BudgetTrips.excerpt("x".repeat(250)));
    }

    /** Counts what a regex reads, with no limit. */
    private static final class CountingLine implements CharSequence {
        private final String line;
        long reads;

        CountingLine(String line) {
            this.line = line;
        }

        @Override
        public char charAt(int index) {
            reads++;
            return line.charAt(index);
        }

        @Override
        public int length() {
            return line.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return line.subSequence(start, end);
        }

        @Override
        public String toString() {
            return line;
        }
    }
}
