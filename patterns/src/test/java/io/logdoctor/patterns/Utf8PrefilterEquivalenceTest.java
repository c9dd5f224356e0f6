package io.logdoctor.patterns;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte search over a line's UTF-8 must pick exactly the candidate patterns the automaton picks over
 * its characters (case-sensitive both; the literals of a case-insensitive pattern are none): on the
 * fixtures, fuzzed lines made from them (cut, case changed, spliced, with unicode), every literal alone,
 * at the start and at the end of a line, and every line of the corpora.
 */
class Utf8PrefilterEquivalenceTest {

    @Test
    void shouldPickTheSamePatternsAsTheAutomatonOnFixturesAndFuzzedLines() throws IOException {
        SignatureCatalog catalog = SignatureCatalog.bundled();
        LiteralPrefilter prefilter = prefilter(catalog);
        List<String> fixtures = FixtureLines.under(catalog.root(), ".log");
        List<String> lines = new ArrayList<>(fixtures);
        lines.addAll(PrefilterEquivalenceTest.generated(fixtures, new Random(16), 20_000));
        for (Pattern p : patterns(catalog)) {
            for (String literal : LiteralPrefilter.literals(p)) {
                lines.addAll(List.of(literal, "x" + literal, literal + "é", literal.substring(1), literal.substring(0, literal.length() - 1),
                        "日本 " + literal.toUpperCase() + " " + literal.toLowerCase()));
            }
        }

        List<String> differences = differences(prefilter, lines);

        assertEquals(List.of(), differences, () -> String.join("\n", differences.subList(0, Math.min(20, differences.size()))));
        long candidates = lines.stream().filter(l -> prefilter.scan(l).next(0) >= 0).count();
        assertTrue(candidates > 1_000 && candidates < lines.size(), "lines with a candidate: " + candidates + " of " + lines.size());
    }

    @Test
    void shouldPickTheSamePatternsAsTheAutomatonOnTheCorpora() throws IOException {
        Path root = CorpusPrecisionTest.corpora();
        Assumptions.assumeTrue(Files.isDirectory(root), "no corpora at " + root
                + " (they live in the team's shared folder beside the checkout; pass -Dlogdoctor.corpora=DIR)");
        List<String> lines = PrefilterEquivalenceTest.corpusLines(root);

        List<String> differences = differences(prefilter(SignatureCatalog.bundled()), lines);

        assertTrue(lines.size() > 10_000, "corpus lines: " + lines.size());
        assertEquals(List.of(), differences, () -> String.join("\n", differences.subList(0, Math.min(20, differences.size()))));
    }

    private static List<Pattern> patterns(SignatureCatalog catalog) {
        return catalog.signatures().stream().flatMap(s -> s.compiled().values().stream()).toList();
    }

    private static LiteralPrefilter prefilter(SignatureCatalog catalog) {
        return new LiteralPrefilter(patterns(catalog));
    }

    private static List<String> differences(LiteralPrefilter prefilter, List<String> lines) {
        List<String> differences = new ArrayList<>();
        for (String line : lines) {
            BitSet chars = new BitSet();
            LiteralPrefilter.Candidates c = prefilter.scan(line);
            for (int p = c.next(0); p >= 0; p = c.next(p + 1)) {
                chars.set(p);
            }
            byte[] utf8 = ("«" + line + "»").getBytes(StandardCharsets.UTF_8); // searched within a larger buffer
            int from = "«".getBytes(StandardCharsets.UTF_8).length;
            BitSet bytes = prefilter.candidatesUtf8(utf8, from, utf8.length - from);
            if (!chars.equals(bytes)) {
                differences.add("'" + line + "': automaton " + chars + ", bytes " + bytes);
            }
        }
        return differences;
    }
}
