package io.logdoctor.cli;

import io.logdoctor.patterns.FixtureLines;
import io.logdoctor.patterns.LineContext;
import io.logdoctor.patterns.Match;
import io.logdoctor.patterns.SignatureMatcher;
import io.logdoctor.patterns.mining.Likeness;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Redactor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The backtest's look at a signature's near misses ({@code <name>.nomatch.log} beside its YAML): which
 * lines of the history resemble a near miss ({@link Likeness}, score at least {@link Likeness#THRESHOLD}),
 * split in two. <b>Not matched</b>: lines like a near miss that the signature left alone, the border the
 * author drew, to check by eye. <b>Matched</b>: lines the signature matched that are more like a near miss
 * than like any of its positive fixtures ({@code <name>.match.log}): a warning that the rule may be too
 * broad. Each keeps a count and the first {@value #EXAMPLES} distinct lines, redacted. See
 * docs/signature-format.md. Not thread-safe.
 */
final class NearMissReport {

    static final int EXAMPLES = 3;
    static final int EXAMPLE_CHARS = 300;

    /** One resembling line: the line (redacted), the near miss it is most like, and how much. */
    record Example(String line, String nearMiss, double score) {
    }

    /** A count and its first examples. */
    record Group(long count, List<Example> examples) {
    }

    /** The report as printed with {@code --json}: under the key {@code nearMisses}. */
    record Summary(String fixtures, int nearMisses, long examined, Group notMatched, Group matched) {
    }

    private final String signatureId;
    private final String fixtureName;
    private final Likeness nearMisses;
    private final Likeness positives;
    private final SignatureMatcher matcher;
    private long examined;
    private long notMatched;
    private long matched;
    private final List<Example> notMatchedExamples = new ArrayList<>();
    private final List<Example> matchedExamples = new ArrayList<>();

    private NearMissReport(String signatureId, Path nomatch, List<String> nearMisses, List<String> positives,
                           SignatureMatcher matcher) {
        this.signatureId = signatureId;
        this.fixtureName = nomatch.getFileName().toString();
        this.nearMisses = new Likeness(nearMisses);
        this.positives = new Likeness(positives);
        this.matcher = matcher;
    }

    /**
     * The report for the signature {@code signatureId} in {@code yaml}, or null when it has no near-miss
     * fixture lines to compare with.
     */
    static NearMissReport of(String signatureId, Path yaml, SignatureMatcher matcher) throws IOException {
        String base = yaml.getFileName().toString().replaceAll("\\.ya?ml$", "");
        Path nomatch = yaml.resolveSibling(base + ".nomatch.log");
        List<String> nearMisses = FixtureLines.of(nomatch);
        if (nearMisses.isEmpty()) {
            return null;
        }
        return new NearMissReport(signatureId, nomatch, nearMisses, FixtureLines.of(yaml.resolveSibling(base + ".match.log")),
                matcher);
    }

    /** Whether a record's JSON may hold a line like a near miss (it holds a near miss's anchor word). */
    Predicate<CharSequence> mayResembleInJson() {
        return nearMisses::mayResemble;
    }

    /** Looks at one record of the history. */
    void accept(LogRecord r) {
        String line = r.line();
        if (line == null || !nearMisses.mayResemble(line)) {
            return;
        }
        Likeness.Closest near = nearMisses.closest(line);
        if (near == null) {
            return;
        }
        examined++;
        if (near.score() < Likeness.THRESHOLD) {
            return;
        }
        boolean hit = false;
        for (Match m : matcher.match(line, new LineContext(r.source(), r.namespace(), r.container(), r.logGroup()))) {
            hit |= m.signature().id().equals(signatureId);
        }
        if (!hit) {
            notMatched++;
            keep(notMatchedExamples, line, near);
            return;
        }
        Likeness.Closest positive = positives.closestOfAll(line);
        if (positive == null || near.score() > positive.score()) {
            matched++;
            keep(matchedExamples, line, near);
        }
    }

    private static void keep(List<Example> examples, String line, Likeness.Closest near) {
        if (examples.size() >= EXAMPLES) {
            return;
        }
        String redacted = Redactor.excerpt(line, EXAMPLE_CHARS);
        for (Example e : examples) {
            if (e.line().equals(redacted)) {
                return;
            }
        }
        examples.add(new Example(redacted, near.reference(), Math.round(near.score() * 100) / 100.0));
    }

    Summary summary() {
        return new Summary(fixtureName, nearMisses.references().size(), examined,
                new Group(notMatched, List.copyOf(notMatchedExamples)), new Group(matched, List.copyOf(matchedExamples)));
    }

    /** The report in words, for the terminal. */
    List<String> text() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "near misses (%s, %d lines): %d lines of the history compared",
                fixtureName, nearMisses.references().size(), examined));
        out.add("  like a near miss, not matched: " + notMatched + " lines" + (notMatched == 0 ? "" : ", e.g."));
        notMatchedExamples.forEach(e -> example(e, out));
        out.add("  matched, yet more like a near miss than like any .match.log line (the rule may be too broad): "
                + matched + " lines" + (matched == 0 ? "" : ", e.g."));
        matchedExamples.forEach(e -> example(e, out));
        return out;
    }

    private static void example(Example e, List<String> out) {
        out.add(String.format(Locale.ROOT, "    %.2f  %s", e.score(), e.line()));
        out.add("          like: " + e.nearMiss());
    }
}
