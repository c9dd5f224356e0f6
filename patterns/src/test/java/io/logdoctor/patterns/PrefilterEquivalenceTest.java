package io.logdoctor.patterns;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast path must give exactly what running every pattern on every line gives ({@link RegexLoop}):
 * same signatures, same pattern names, same order, on the bundled catalogue's fixtures, on lines made
 * from them, and on every line of the shared corpora.
 */
class PrefilterEquivalenceTest {

    private static final LineContext[] CONTEXTS = {
            LineContext.UNKNOWN,
            new LineContext("k8s", "kube-system", "aws-node", null),
            new LineContext("lambda", null, null, "/aws/lambda/orders"),
            new LineContext("k8s", "default", "web", null)};

    @Test
    void shouldMatchLikeEveryPatternOnFixturesAndLinesMadeFromThem() throws IOException {
        SignatureCatalog catalog = SignatureCatalog.bundled();
        List<String> fixtures = FixtureLines.under(catalog.root(), ".log");
        List<String> lines = new ArrayList<>(fixtures);
        lines.addAll(generated(fixtures, new Random(6), 5_000));

        List<String> differences = differences(catalog, lines);

        assertTrue(fixtures.size() > 50, "fixtures found: " + fixtures.size());
        assertEquals(List.of(), differences, () -> String.join("\n", differences));
        assertEquals(0, catalog.matcher().budgetTrips(), "no line of the catalogue's own should exhaust the budget");
    }

    @Test
    void shouldMatchLikeEveryPatternOnTheCorpora() throws IOException {
        Path root = CorpusPrecisionTest.corpora();
        Assumptions.assumeTrue(Files.isDirectory(root), "no corpora at " + root
                + " (they live in the team's shared folder beside the checkout; pass -Dlogdoctor.corpora=DIR)");
        SignatureCatalog catalog = SignatureCatalog.bundled();
        List<String> lines = corpusLines(root);

        List<String> differences = differences(catalog, lines, CONTEXTS[0], CONTEXTS[1]);

        assertTrue(lines.size() > 10_000, "corpus lines: " + lines.size());
        assertEquals(List.of(), differences, () -> String.join("\n", differences));
    }

    @Test
    void shouldMatchLikeEveryPatternWhereLiteralsAreTricky(@TempDir Path root) throws IOException {
        write(root, "demo/case.yaml", "'(?i)connection RESET by peer'");
        write(root, "demo/overlap.yaml", "'reset by peer(?: again)?'");
        write(root, "demo/suffix.yaml", "'by peer'");
        write(root, "demo/alternation.yaml", "'abcd.*|zz(?:abcd)'");
        write(root, "demo/accent.yaml", "'délai dépassé \\d+'");
        write(root, "demo/escape.yaml", "'fail\\x41ed now'");
        SignatureCatalog catalog = SignatureCatalog.load(root);
        List<String> lines = List.of("Connection reset by peer", "CONNECTION RESET BY PEER", "reset by peer again",
                "zzabcd", "xxabcd", "délai dépassé 30", "délai dépassé", "failAed now", "fail41ed now", "", "by pee");

        assertEquals(List.of(), differences(catalog, lines));
        assertEquals(List.of("demo/case", "demo/overlap", "demo/suffix"), ids(catalog.matcher().match(lines.get(0), LineContext.UNKNOWN)));
        assertEquals(List.of("demo/case"), ids(catalog.matcher().match(lines.get(1), LineContext.UNKNOWN)));
        assertEquals(List.of("demo/alternation"), ids(catalog.matcher().match("zzabcd", LineContext.UNKNOWN)));
        assertEquals(List.of("demo/escape"), ids(catalog.matcher().match("failAed now", LineContext.UNKNOWN)));
    }

    private static void write(Path root, String file, String pattern) throws IOException {
        String id = file.replace(".yaml", "");
        SignatureFiles.write(root, file, SignatureFiles.VALID.replace("demo/disk-full", id)
                .replace("  container: [writer]\n", "  source: k8s\n")
                .replace("'No space left on device'", pattern)
                .replace("  quota: 'quota exceeded for %{NOTSPACE:volume}'\n", ""));
    }

    private static List<String> ids(List<Match> matches) {
        return matches.stream().map(m -> m.signature().id()).toList();
    }

    /**
     * Every line, under every context, where the fast path and the loop over all patterns disagree. The lines are
     * shared out over the cores (the matcher is thread-safe): the loop over every pattern is the slow side, and it
     * grows with the catalogue (184 s for the corpora in CI at 180 signatures on one core).
     */
    static List<String> differences(SignatureCatalog catalog, List<String> lines, LineContext... contexts) {
        LineContext[] chosen = contexts.length == 0 ? CONTEXTS : contexts;
        return lines.parallelStream().flatMap(line -> Stream.of(chosen).map(context -> {
            List<String> fast = named(catalog.matcher().match(line, context));
            List<String> every = named(RegexLoop.match(catalog.signatures(), line, context));
            return fast.equals(every) ? null : context + " '" + line + "': prefilter " + fast + ", every pattern " + every;
        })).filter(Objects::nonNull).toList();
    }

    private static List<String> named(List<Match> matches) {
        return matches.stream().map(m -> m.signature().id() + "#" + m.pattern()).toList();
    }


    /**
     * Lines near the fixtures, where a prefilter would go wrong: cut at either end, case changed, one
     * character dropped, spliced into one another, repeated, and with non-ASCII text around them.
     */
    static List<String> generated(List<String> fixtures, Random random, int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String a = fixtures.get(random.nextInt(fixtures.size()));
            String b = fixtures.get(random.nextInt(fixtures.size()));
            int cut = random.nextInt(a.length() + 1);
            lines.add(switch (i % 7) {
                case 0 -> a.substring(cut);
                case 1 -> a.substring(0, cut);
                case 2 -> random.nextBoolean() ? a.toUpperCase() : a.toLowerCase();
                case 3 -> cut == a.length() ? a : a.substring(0, cut) + a.substring(cut + 1);
                case 4 -> a.substring(0, cut) + b.substring(random.nextInt(b.length() + 1));
                case 5 -> a + " " + a;
                default -> "日本語 ☃ " + a.substring(0, cut) + "é" + a.substring(cut) + " \uD83D\uDE00";
            });
        }
        return lines;
    }

    /** Every line of every file under the corpora root that reads as UTF-8. */
    static List<String> corpusLines(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            try {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            } catch (MalformedInputException e) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
            }
        }
        return lines;
    }
}
