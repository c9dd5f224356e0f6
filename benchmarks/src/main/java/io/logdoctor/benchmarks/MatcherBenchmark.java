package io.logdoctor.benchmarks;

import io.logdoctor.patterns.BenchmarkAccess;
import io.logdoctor.patterns.LineContext;
import io.logdoctor.patterns.Match;
import io.logdoctor.patterns.Signature;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.patterns.SignatureMatcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The full bundled catalogue over the mixed corpus, one line per operation, single-threaded, so the
 * score is lines per second. Three ways to match, measured side by side in one run:
 * {@code prefilter} (what logdoctor runs), {@code regexLoop} (the matcher before it: every pattern's
 * find() on every line) and {@code javaGrok} (the naive baseline: java-grok's match().capture()).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatcherBenchmark {

    private String[] lines;
    private int next;
    private List<Signature> signatures;
    private SignatureMatcher matcher;
    private JavaGrokBaseline javaGrok;

    @Setup
    public void setup() {
        SignatureCatalog catalog = SignatureCatalog.bundled();
        List<String> corpus = MixedCorpus.lines(catalog);
        lines = corpus.toArray(String[]::new);
        signatures = catalog.signatures();
        matcher = catalog.matcher();
        javaGrok = new JavaGrokBaseline(catalog.root(), signatures);
        System.out.printf("%n[corpus] %d lines from %s, average %.0f chars; %s%n", lines.length, MixedCorpus.root(),
                corpus.stream().mapToInt(String::length).average().orElse(0),
                BenchmarkAccess.prefilterProfile(signatures, corpus));
    }

    private String nextLine() {
        String line = lines[next];
        if (++next == lines.length) {
            next = 0;
        }
        return line;
    }

    @Benchmark
    public List<Match> prefilter() {
        return matcher.match(nextLine(), LineContext.UNKNOWN);
    }

    @Benchmark
    public List<Match> regexLoop() {
        return BenchmarkAccess.regexLoop(signatures, nextLine());
    }

    @Benchmark
    public int javaGrok() {
        return javaGrok.match(nextLine());
    }
}
