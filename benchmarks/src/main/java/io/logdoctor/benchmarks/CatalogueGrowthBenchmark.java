package io.logdoctor.benchmarks;

import io.logdoctor.patterns.LineContext;
import io.logdoctor.patterns.Match;
import io.logdoctor.patterns.SignatureCatalog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The matcher's cost per line for two catalogues over the same lines, side by side in one run: the
 * bundled catalogue against an older one given by path (issue 12: v2 must stay within 1.5x of v1). The
 * lines are the mixed corpus built with the bundled catalogue's fixtures, so both see the same input.
 * Run: {@code git archive <v1-commit> patterns/catalog | tar -x -C /tmp/v1}, then
 * {@code java -jar benchmarks/target/benchmarks.jar CatalogueGrowth -p catalogue=bundled,/tmp/v1/patterns/catalog}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CatalogueGrowthBenchmark {

    /** {@code bundled}, or the path of a catalogue directory. */
    @Param("bundled")
    public String catalogue;

    private String[] lines;
    private int next;
    private SignatureCatalog catalog;

    @Setup
    public void setup() throws IOException {
        SignatureCatalog bundled = SignatureCatalog.bundled();
        lines = MixedCorpus.lines(bundled).toArray(String[]::new);
        catalog = "bundled".equals(catalogue) ? bundled : SignatureCatalog.load(Path.of(catalogue));
        System.out.printf("%n[catalogue] %s: %d signatures over %d lines%n", catalogue, catalog.signatures().size(), lines.length);
    }

    @Benchmark
    public List<Match> match() {
        String line = lines[next];
        if (++next == lines.length) {
            next = 0;
        }
        return catalog.matcher().match(line, LineContext.UNKNOWN);
    }
}
