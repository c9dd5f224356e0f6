package io.logdoctor.patterns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every signature's fixtures: each line of {@code <name>.match.log} must match that signature
 * and no other, each line of {@code <name>.nomatch.log} must match nothing. Fixture lines carry no
 * metadata, so scope selectors admit them.
 */
public final class FixtureCheck {

    static final String POSITIVE = ".match.log";
    static final String NEGATIVE = ".nomatch.log";

    private FixtureCheck() {
    }

    /** Every problem found, one line each, as {@code file:line: what is wrong}; empty when all pass. */
    public static List<String> run(SignatureCatalog catalog) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Signature signature : catalog.signatures()) {
            String base = signature.file().replaceAll("\\.ya?ml$", "");
            check(catalog, signature, base + POSITIVE, true, problems);
            check(catalog, signature, base + NEGATIVE, false, problems);
        }
        return problems;
    }

    private static void check(SignatureCatalog catalog, Signature signature, String name, boolean positive,
                              List<String> problems) throws IOException {
        Path file = catalog.root().resolve(name);
        if (!Files.isRegularFile(file)) {
            problems.add(name + ": missing: every signature needs " + (positive ? "positive" : "near-miss") + " fixtures");
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int fixtures = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            fixtures++;
            List<String> got = catalog.matcher().match(line, LineContext.UNKNOWN).stream()
                    .map(m -> m.signature().id()).toList();
            boolean ok = positive ? got.equals(List.of(signature.id())) : got.isEmpty();
            if (!ok) {
                problems.add(name + ":" + (i + 1) + ": expected " + (positive ? "[" + signature.id() + "]" : "no match")
                        + ", got " + got);
            }
        }
        if (fixtures == 0) {
            problems.add(name + ": holds no fixture lines");
        }
    }
}
