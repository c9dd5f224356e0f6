package io.logdoctor.benchmarks;

import io.logdoctor.patterns.BenchmarkAccess;
import io.logdoctor.patterns.LineContext;
import io.logdoctor.patterns.Match;
import io.logdoctor.patterns.Signature;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.patterns.SignatureMatcher;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
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
 * Cost per line as the catalogue grows: 60, 250 and 1,000 signatures (the real ones, then generated
 * variants, see {@link SignatureVariants}) over the same mixed corpus, in nanoseconds per line.
 * The prefilter should stay nearly flat; the regex loop grows with the number of patterns.
 * {@code rawRecord} is the streams app's first test of each logs.raw record: the record walked to its
 * line string, which is searched for the literals and the error hints before any decoding (the same
 * corpus lines as k8s records).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScalingBenchmark {

    @Param({"60", "250", "1000"})
    public int signatures;

    private String[] lines;
    private byte[][] records;
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
        records = new byte[lines.length][];
        for (int i = 0; i < lines.length; i++) {
            records[i] = Json.MAPPER.writeValueAsBytes(LogRecord.k8s("2026-12-06T14:00:00.123456789Z", "prod", "ip-10-0-1-2",
                    "payments", "checkout-7d9f8b6c5-x2x4q", "checkout", "stdout", lines[i], "/var/log/pods/p_c_u/checkout/0.log", i, false));
        }
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
    public boolean rawRecord() {
        byte[] record = records[next];
        if (++next == records.length) {
            next = 0;
        }
        return matcher.lineMayMatchOrBeError(record);
    }

    @Benchmark
    public List<Match> regexLoop() {
        return BenchmarkAccess.regexLoop(catalogue, nextLine());
    }
}
