package io.logdoctor.cli;

import io.logdoctor.patterns.FixtureLines;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.patterns.SignatureMatcher;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code logdoctor match} in bytes ({@link ByteMatch}) prints exactly what the line-by-line path prints
 * (a String per line through LineDecoder, {@link MatchCommand#scanLines}), and counts the same malformed
 * lines: on every fixture in every format, on fuzzed files ({@link FuzzedLogs}: CRI split into P pieces
 * inside literals, stack traces on two streams, docker json with escapes and other shapes, invalid UTF-8,
 * CR and CRLF, no last newline), a 10 MB line, and the corpora.
 */
class MatchPathEquivalenceTest {

    private static final List<String> FORMATS = List.of("raw", "cri", "docker", "kubectl");
    private static final SignatureMatcher MATCHER = SignatureCatalog.bundled().matcher();

    @Test
    void shouldPrintTheSameForEveryFixtureInEveryFormat() throws IOException {
        List<String> fixtures = FixtureLines.under(SignatureCatalog.bundled().root(), ".log");
        int matched = 0;
        for (String format : FORMATS) {
            byte[] file = new FuzzedLogs(new Random(1), fixtures).wrapWhole(format, fixtures);
            matched += assertSameOutput(format, file, "fixtures as " + format);
        }
        assertTrue(matched > 4 * 100, "fixture lines matched, all formats: " + matched);
    }

    @Test
    void shouldPrintTheSameForFuzzedFiles() throws IOException {
        List<String> fixtures = FixtureLines.under(SignatureCatalog.bundled().root(), ".match.log");
        int matched = 0;
        for (int seed = 0; seed < 16; seed++) {
            for (String format : FORMATS) {
                byte[] file = new FuzzedLogs(new Random(seed), fixtures).file(format, 800);
                matched += assertSameOutput(format, file, "seed " + seed + ", " + format);
            }
        }
        assertTrue(matched > 500, "fuzzed events matched: " + matched);
    }

    @Test
    void shouldPrintTheSameForATenMegabyteLine() throws IOException {
        String fixture = FixtureLines.under(SignatureCatalog.bundled().root(), ".match.log").get(0);
        String huge = "x".repeat(10 << 20) + " " + fixture;
        for (String format : FORMATS) {
            FuzzedLogs logs = new FuzzedLogs(new Random(2), List.of(fixture));
            byte[] file = logs.wrapWhole(format, List.of("before " + fixture, huge, fixture + " after"));
            assertSameOutput(format, file, "10 MB line as " + format);
        }
    }

    @Test
    void shouldPrintTheSameForTheCorpora() throws IOException {
        Path root = corpora();
        Assumptions.assumeTrue(Files.isDirectory(root), "no corpora at " + root
                + " (they live in the team's shared folder beside the checkout; pass -Dlogdoctor.corpora=DIR)");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md")).sorted().toList();
        }
        assertTrue(files.size() > 20, "corpus files: " + files.size());
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            // raw and kubectl take any line; the container formats only the k8s samples' lines (the rest are malformed in them)
            for (String format : file.toString().contains("k8s") ? FORMATS : List.of("raw", "kubectl")) {
                assertSameOutput(format, bytes, file + " as " + format);
            }
        }
    }

    /** Runs both paths over {@code file}; returns how many lines the output has. */
    static int assertSameOutput(String format, byte[] file, String what) throws IOException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        long linesMalformed = MatchCommand.scanLines("f", new ByteArrayInputStream(file), format, MATCHER,
                new PrintStream(lines, true, StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long bytesMalformed = ByteMatch.scan("f", new ByteArrayInputStream(file), format, MATCHER,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(lines.toString(StandardCharsets.UTF_8), bytes.toString(StandardCharsets.UTF_8), what);
        assertEquals(linesMalformed, bytesMalformed, what + ": malformed lines");
        return (int) lines.toString(StandardCharsets.UTF_8).lines().count();
    }

    static Path corpora() {
        String configured = System.getProperty("logdoctor.corpora");
        return configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "corpora").toAbsolutePath().normalize();
    }
}
