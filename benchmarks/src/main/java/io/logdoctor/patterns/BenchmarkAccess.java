package io.logdoctor.patterns;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The benchmarks' way into the package-private parts of {@code patterns}: a matcher over any list of
 * signatures (the scaling sets), the old regex-per-signature loop, Grok expansion for generated
 * variants, and the prefilter's own view of a corpus. It lives in the benchmarks module so the
 * patterns module's public API stays what the rest of logdoctor uses.
 */
public final class BenchmarkAccess {

    private BenchmarkAccess() {
    }

    /** The production matcher over these signatures. */
    public static SignatureMatcher matcher(List<Signature> signatures) {
        return new SignatureMatcher(signatures);
    }

    /**
     * The production matcher, with or without the guard that disables a signature whose regex keeps
     * running out of budget: without it, it is the matcher as it was before issue 10.
     */
    public static SignatureMatcher matcher(List<Signature> signatures, boolean guarded) {
        return new SignatureMatcher(signatures, RegexBudget.DEFAULT, BudgetTrips.everyMinute(),
                guarded ? RunawayGuard.Limits.DEFAULT : RunawayGuard.Limits.NEVER);
    }

    /** The matcher before the prefilter: every pattern of every signature, find() on each line. */
    public static List<Match> regexLoop(List<Signature> signatures, CharSequence line) {
        return RegexLoop.match(signatures, line, LineContext.UNKNOWN);
    }

    /** Expands Grok with the catalogue's shared building blocks, as loading a signature does. */
    public static Function<String, Pattern> grokExpander(Path catalogRoot) throws IOException {
        return GrokLibrary.load(catalogRoot.resolve("grok"))::compile;
    }

    /** The literals the prefilter would use for a pattern. */
    public static List<String> literals(Pattern pattern) {
        return LiteralPrefilter.literals(pattern);
    }

    /** How many of the lines give the prefilter at least one candidate pattern, and the automaton's size. */
    public static String prefilterProfile(List<Signature> signatures, List<String> lines) {
        List<Pattern> patterns = signatures.stream().flatMap(s -> s.compiled().values().stream()).toList();
        LiteralPrefilter prefilter = new LiteralPrefilter(patterns);
        long candidateLines = lines.stream().filter(l -> prefilter.scan(l).next(0) >= 0).count();
        return String.format("%d signatures, %d patterns, %d automaton states; %d of %d lines (%.2f%%) ran a regex",
                signatures.size(), patterns.size(), prefilter.states(), candidateLines, lines.size(),
                100.0 * candidateLines / lines.size());
    }

    /** Today's scan of a line for the candidate patterns: the automaton over its characters. */
    public static Object automatonScan(Object prefilter, CharSequence line) {
        return ((LiteralPrefilter) prefilter).scan(line);
    }

    /** The byte search over a line's UTF-8 for the same candidates. */
    public static Object utf8Scan(Object prefilter, byte[] line) {
        return ((LiteralPrefilter) prefilter).candidatesUtf8(line, 0, line.length);
    }

    /** The prefilter of the production matcher over these signatures (opaque to the benchmarks). */
    public static Object prefilter(List<Signature> signatures) {
        return new LiteralPrefilter(signatures.stream().flatMap(s -> s.compiled().values().stream()).toList());
    }
}
