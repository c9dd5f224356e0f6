package io.logdoctor.patterns;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Precision on logs nobody on the team wrote: the bundled catalogue over every line of the shared
 * corpora (Loghub, Kubernetes and Lambda samples, kept outside the repo for their licences). Every
 * match must be a reviewed, real instance listed in {@code corpus-matches.txt} with the reason it is
 * right; Loghub must produce no match at all. The list is also checked the other way, so it stays true.
 */
class CorpusPrecisionTest {

    /** Where the corpora are: -Dlogdoctor.corpora=DIR, else the shared folder beside the checkout. */
    static Path corpora() {
        String configured = System.getProperty("logdoctor.corpora");
        return configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "corpora").toAbsolutePath().normalize();
    }

    @Test
    void shouldMatchOnlyTheReviewedRealInstancesInTheCorpora() throws IOException {
        Path root = corpora();
        Assumptions.assumeTrue(Files.isDirectory(root), "no corpora at " + root
                + " (they live in the team's shared folder beside the checkout; pass -Dlogdoctor.corpora=DIR)");

        Set<String> found = scan(root, SignatureCatalog.bundled().matcher());
        Set<String> reviewed = reviewed();

        Set<String> unexpected = new TreeSet<>(found);
        unexpected.removeAll(reviewed);
        Set<String> stale = new TreeSet<>(reviewed);
        stale.removeAll(found);
        assertEquals(Set.of(), unexpected, "matches that are not reviewed real instances (false positives?)");
        assertEquals(Set.of(), stale, "reviewed instances the catalogue no longer matches: update corpus-matches.txt");
        assertTrue(found.stream().noneMatch(m -> m.startsWith("loghub/")), "Loghub holds none of our failures");
    }

    static Set<String> scan(Path root, SignatureMatcher matcher) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        Set<String> found = new TreeSet<>();
        for (Path file : files) {
            String name = root.relativize(file).toString().replace('\\', '/');
            try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
                String line;
                for (int n = 1; (line = in.readLine()) != null; n++) {
                    for (Match m : matcher.match(line, LineContext.UNKNOWN)) {
                        found.add(name + ":" + n + " " + m.signature().id());
                    }
                }
            }
        }
        return found;
    }

    /** {@code <file>:<line> <signature>  # why it is a real instance}, one per line. */
    private static Set<String> reviewed() throws IOException {
        Set<String> entries = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("corpus-matches.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int hash = line.indexOf('#');
            if (hash < 0 || line.substring(hash + 1).isBlank()) {
                problems.add("no reason given: " + line);
                continue;
            }
            entries.add(line.substring(0, hash).strip());
        }
        assertEquals(List.of(), problems, "every reviewed instance says why it is right");
        return entries;
    }
}
