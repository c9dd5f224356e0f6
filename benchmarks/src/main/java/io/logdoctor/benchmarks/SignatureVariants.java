package io.logdoctor.benchmarks;

import io.logdoctor.patterns.BenchmarkAccess;
import io.logdoctor.patterns.Signature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Catalogues of any size for the scaling benchmark: the real signatures first, then variants of them
 * with the same regular-expression structure but other words. Each word of four or more letters
 * outside {@code %{...}} is replaced by a word drawn from the catalogue's own vocabulary, so the
 * variants' literals look like real ones (common words, shared prefixes, the same lengths) and are
 * still selective: "Retrying waiting for IPAM-D" might become "Unable register for IPAM-D". A
 * one-word literal could become a word every other line holds ("failure"), which no reviewed
 * signature would have (the lint and the near-miss fixtures see to that), so a variant is drawn
 * again, up to {@value #DRAWS} times, until its literals occur in no more corpus lines than the
 * original's or one in a thousand, whichever is more.
 */
final class SignatureVariants {

    /** A word the regex reads as plain letters: not after a backslash (\s), '{' (\p{Alpha}) or '<' (group names). */
    private static final Pattern WORD = Pattern.compile("(?<![\\\\{<\\w])[A-Za-z]{4,}");
    private static final Pattern GROK_REFERENCE = Pattern.compile("%\\{[^}]*}");
    private static final int DRAWS = 20;

    private SignatureVariants() {
    }

    /** The first {@code size} of: the real signatures, then variants 1, 2, ... of each in turn. */
    static List<Signature> catalogue(List<Signature> real, int size, Function<String, Pattern> grok, List<String> corpus) {
        List<String> vocabulary = vocabulary(real);
        List<Signature> out = new ArrayList<>(real.subList(0, Math.min(size, real.size())));
        Random random = new Random(6);
        for (int variant = 1; out.size() < size; variant++) {
            for (Signature s : real) {
                if (out.size() == size) {
                    break;
                }
                out.add(variant(s, variant, vocabulary, random, grok, corpus));
            }
        }
        return out;
    }

    private static Signature variant(Signature s, int n, List<String> vocabulary, Random random,
                                     Function<String, Pattern> grok, List<String> corpus) {
        Map<String, String> patterns = new LinkedHashMap<>();
        Map<String, Pattern> compiled = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : s.patterns().entrySet()) {
            long allowed = Math.max(linesHolding(BenchmarkAccess.literals(s.compiled().get(p.getKey())), corpus),
                    corpus.size() / 1_000);
            String expression = null;
            Pattern pattern = null;
            for (int draw = 0; draw < DRAWS && (pattern == null
                    || linesHolding(BenchmarkAccess.literals(pattern), corpus) > allowed); draw++) {
                expression = rewordOutsideGrok(p.getValue(), vocabulary, random);
                pattern = grok.apply(expression);
            }
            patterns.put(p.getKey(), expression);
            compiled.put(p.getKey(), pattern);
        }
        return new Signature(s.id() + "-v" + n, s.title(), s.severity(), s.scope(), patterns, compiled, s.fire(),
                s.resolveQuiet(), s.cause(), s.remediation(), s.references(), s.refines(), s.file(), s.overrides(), s.grouping(), s.about());
    }

    /** How many lines hold at least one of the literals: the lines the prefilter would run the pattern on. */
    private static long linesHolding(List<String> literals, List<String> corpus) {
        return corpus.stream().filter(line -> literals.stream().anyMatch(line::contains)).count();
    }

    private static String rewordOutsideGrok(String expression, List<String> vocabulary, Random random) {
        StringBuilder out = new StringBuilder();
        Matcher reference = GROK_REFERENCE.matcher(expression);
        int last = 0;
        while (reference.find()) {
            out.append(reword(expression.substring(last, reference.start()), vocabulary, random)).append(reference.group());
            last = reference.end();
        }
        return out.append(reword(expression.substring(last), vocabulary, random)).toString();
    }

    private static String reword(String text, List<String> vocabulary, Random random) {
        return WORD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(vocabulary.get(random.nextInt(vocabulary.size()))));
    }

    /** The words of the real signatures' required literals. */
    private static List<String> vocabulary(List<Signature> real) {
        Set<String> words = new LinkedHashSet<>();
        for (Signature s : real) {
            for (Pattern p : s.compiled().values()) {
                for (String literal : BenchmarkAccess.literals(p)) {
                    Matcher m = WORD.matcher(literal);
                    while (m.find()) {
                        words.add(m.group());
                    }
                }
            }
        }
        return new ArrayList<>(words);
    }
}
