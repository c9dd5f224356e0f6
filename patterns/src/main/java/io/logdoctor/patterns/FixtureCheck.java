package io.logdoctor.patterns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every signature's fixtures: each line of {@code <name>.match.log} must match that signature
 * and no other, each line of {@code <name>.nomatch.log} must match nothing. Fixture lines carry no
 * metadata, so scope selectors admit them, unless a context line ({@code #@ container=cilium
 * namespace=kube-system source=k8s logGroup=...}) sets it for the lines below it; {@code #@} alone
 * clears it.
 */
public final class FixtureCheck {

    static final String POSITIVE = ".match.log";
    static final String NEGATIVE = ".nomatch.log";
    static final String CONTEXT = "#@";

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
        LineContext context = LineContext.UNKNOWN;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(CONTEXT)) {
                context = context(line.substring(CONTEXT.length()), name + ":" + (i + 1));
                continue;
            }
            if (!FixtureLines.isLogLine(line)) {
                continue;
            }
            fixtures++;
            List<String> got = catalog.matcher().match(line, context).stream()
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

    /** The positive fixture lines of {@code signature}, without their context lines. */
    static List<String> positiveLines(SignatureCatalog catalog, Signature signature) throws IOException {
        return FixtureLines.of(catalog.root().resolve(signature.file().replaceAll("\\.ya?ml$", "") + POSITIVE));
    }

    /** Reads {@code key=value} pairs of a context line. */
    static LineContext context(String pairs, String where) {
        Map<String, String> values = new HashMap<>();
        for (String pair : pairs.strip().split("\\s+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (eq <= 0 || !Set.of("source", "namespace", "container", "logGroup").contains(key)) {
                throw new IllegalArgumentException(where + ": a context line takes source=, namespace=, container=, "
                        + "logGroup=; was '" + pair + "'");
            }
            values.put(key, pair.substring(eq + 1));
        }
        return new LineContext(values.get("source"), values.get("namespace"), values.get("container"), values.get("logGroup"));
    }
}
