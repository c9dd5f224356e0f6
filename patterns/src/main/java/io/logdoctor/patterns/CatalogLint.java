package io.logdoctor.patterns;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a whole catalogue directory and reports every offender at once, one line each: files that
 * do not load (with file, line and field), duplicate ids, missing or thin fixtures, patterns without
 * a literal the prefilter can use, and fixtures that fail. An empty list means the catalogue is clean.
 */
public final class CatalogLint {

    /** Fewest positive fixture lines a signature must have. */
    public static final int MIN_POSITIVE = 3;
    /** Fewest near-miss fixture lines a signature must have. */
    public static final int MIN_NEAR_MISS = 3;
    /** Shortest literal that every match of a pattern must contain, so the prefilter can skip lines for it. */
    public static final int MIN_LITERAL = 4;
    /** The marker a drafted signature leaves for its author. */
    static final String TODO = "TODO";

    private CatalogLint() {
    }

    /** Every problem of the catalogue under {@code root}. */
    public static List<String> run(Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        GrokLibrary grok;
        try {
            grok = GrokLibrary.load(root.resolve("grok"));
        } catch (SignatureException e) {
            problems.add(e.getMessage());
            grok = GrokLibrary.load(root.resolve("no-grok-blocks"));
        }
        List<Signature> loaded = new ArrayList<>();
        Map<String, String> fileOfId = new HashMap<>();
        for (Path file : SignatureCatalog.signatureFiles(root)) {
            String relative = SignatureCatalog.relative(root, file);
            try {
                Signature s = SignatureFileReader.read(grok, file, relative);
                String other = fileOfId.putIfAbsent(s.id(), relative);
                if (other != null) {
                    problems.add(relative + ":1: field 'id': duplicate: " + other + " has the same id; was '" + s.id() + "'");
                    continue;
                }
                loaded.add(s);
            } catch (SignatureException e) {
                problems.add(e.getMessage());
            }
        }
        try {
            SignatureCatalog.checkRefinements(root, loaded);
        } catch (SignatureException e) {
            problems.add(e.getMessage());
        }
        for (Signature s : loaded) {
            unfinished(root, s, problems);
            literals(root, s, problems);
            fixtureCounts(root, s, problems);
        }
        problems.addAll(FixtureCheck.run(new SignatureCatalog(root, loaded)).stream()
                .filter(p -> !p.contains(": missing: ")) // counted above, with the minimum
                .toList());
        return problems;
    }

    /** A drafted signature ({@code logdoctor discover --draft}) is not done while it still says TODO. */
    private static void unfinished(Path root, Signature s, List<String> problems) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("title", s.title());
        texts.put("cause", s.cause());
        for (int i = 0; i < s.remediation().size(); i++) {
            texts.put("remediation[" + i + "]", s.remediation().get(i));
        }
        for (Map.Entry<String, String> t : texts.entrySet()) {
            if (t.getValue() != null && t.getValue().contains(TODO)) {
                String key = t.getKey().startsWith("remediation") ? "remediation" : t.getKey();
                problems.add(s.file() + ":" + SignatureCatalog.lineOf(root.resolve(s.file()), Pattern.quote(key))
                        + ": field '" + t.getKey() + "': still says " + TODO + "; write it before the signature ships; was '"
                        + t.getValue() + "'");
            }
        }
    }

    private static void literals(Path root, Signature s, List<String> problems) throws IOException {
        for (Map.Entry<String, Pattern> p : s.compiled().entrySet()) {
            if (RequiredLiterals.strength(RequiredLiterals.of(p.getValue().pattern())) < MIN_LITERAL) {
                problems.add(s.file() + ":" + SignatureCatalog.lineOf(root.resolve(s.file()), "\\s+" + Pattern.quote(p.getKey()))
                        + ": field 'match." + p.getKey() + "': has no literal of " + MIN_LITERAL
                        + " or more characters that every match contains, so the prefilter cannot skip lines for it; was '"
                        + s.patterns().get(p.getKey()) + "'");
            }
        }
    }

    private static void fixtureCounts(Path root, Signature s, List<String> problems) throws IOException {
        String base = s.file().replaceAll("\\.ya?ml$", "");
        count(root, base + FixtureCheck.POSITIVE, MIN_POSITIVE, "positive", problems);
        count(root, base + FixtureCheck.NEGATIVE, MIN_NEAR_MISS, "near-miss", problems);
    }

    private static void count(Path root, String name, int min, String kind, List<String> problems) throws IOException {
        int lines = FixtureLines.of(root.resolve(name)).size();
        if (lines < min) {
            problems.add(name + ": needs at least " + min + " " + kind + " fixture lines; was " + lines);
        }
    }
}
