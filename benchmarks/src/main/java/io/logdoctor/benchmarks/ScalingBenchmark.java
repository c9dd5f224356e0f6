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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cost per line as the catalogue grows: 25, 100 and 400 signatures (the real ones, then generated
 * variants, see {@link SignatureVariants}) over the same mixed corpus, in nanoseconds per line.
 * The prefilter should stay nearly flat; the regex loop grows with the number of patterns.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScalingBenchmark {

    @Param({"25", "100", "400"})
    public int signatures;

    private String[] lines;
    private int next;
    private List<Signature> catalogue;
    private SignatureMatcher matcher;

    @Setup
    public void setup() throws IOException {
        SignatureCatalog bundled = SignatureCatalog.bundled();
        List<String> corpus = MixedCorpus.lines(bundled);
        lines = corpus.toArray(String[]::new);
        catalogue = SignatureVariants.catalogue(bundled.signatures(), signatures, BenchmarkAccess.grokExpander(bundled.root()), corpus);
        matcher = BenchmarkAccess.matcher(catalogue);
        System.out.printf("%n[catalogue] %s%n", BenchmarkAccess.prefilterProfile(catalogue, corpus));
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
        return BenchmarkAccess.regexLoop(catalogue, nextLine());
    }
}
