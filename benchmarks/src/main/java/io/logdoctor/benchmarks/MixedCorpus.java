package io.logdoctor.benchmarks;

import io.logdoctor.patterns.FixtureLines;
import io.logdoctor.patterns.SignatureCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The lines the matcher benchmarks read: every real line of the shared corpora (Loghub, Kubernetes,
 * Lambda; the derived Loghub CSV files and the READMEs left out) with one positive fixture of the
 * catalogue after every {@value #FAILURE_EVERY} - 1 of them, about the share of failure lines in a
 * healthy cluster's logs. Blank lines are dropped: a shipper does not send them.
 */
final class MixedCorpus {

    static final int FAILURE_EVERY = 1_000;
    /** -Dlogdoctor.corpora=DIR; by default the team's shared folder beside the checkout, run from the repo root. */
    static final String PROPERTY = "logdoctor.corpora";

    private MixedCorpus() {
    }

    static Path root() {
        Path root = Path.of(System.getProperty(PROPERTY, "../shared/corpora")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("no corpora at " + root + ": run from the repository root or pass -D"
                    + PROPERTY + "=DIR (java -D" + PROPERTY + "=DIR -jar benchmarks/target/benchmarks.jar)");
        }
        return root;
    }

    static List<String> lines(SignatureCatalog catalog) {
        try {
            List<String> real = realLines(root());
            List<String> failures = FixtureLines.under(catalog.root(), ".match.log");
            List<String> mixed = new ArrayList<>(real.size() + real.size() / FAILURE_EVERY + 1);
            int failure = 0;
            for (String line : real) {
                if (mixed.size() % FAILURE_EVERY == FAILURE_EVERY - 1) {
                    mixed.add(failures.get(failure++ % failures.size()));
                }
                mixed.add(line);
            }
            return mixed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> realLines(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().matches(".*\\.(md|csv)"))
                    .sorted().toList();
        }
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            List<String> read;
            try {
                read = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                read = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            }
            read.stream().filter(l -> !l.isBlank()).forEach(lines::add);
        }
        return lines;
    }
}
