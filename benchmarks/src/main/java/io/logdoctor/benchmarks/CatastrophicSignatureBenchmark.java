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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Issue 10: the bundled catalogue plus a pushed signature whose pattern backtracks catastrophically
 * ({@code ((\w+\s?)+)+$}, no literal, so the prefilter runs it on every line), over the mixed corpus,
 * one line per operation, single-threaded: lines per second. {@code guarded=false} is the matcher as it
 * was before (each line pays the whole regex budget); {@code guarded=true} disables the signature once it
 * trips on more than 1 % of at least 100 lines, so the steady state is the catalogue's own speed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CatastrophicSignatureBenchmark {



    @Param({"false", "true"})
    public boolean guarded;

    private String[] lines;
    private int next;
    private SignatureMatcher matcher;

    @Setup
    public void setup() {
        SignatureCatalog bundled = SignatureCatalog.bundled();
        lines = MixedCorpus.lines(bundled).toArray(String[]::new);
        List<Signature> signatures = new ArrayList<>(bundled.signatures());
        signatures.add(catastrophic());
        matcher = BenchmarkAccess.matcher(signatures, guarded);
    }

    private static Signature catastrophic() {
        try {
            Path root = Files.createTempDirectory("catastrophic-");
            Files.createDirectories(root.resolve("team"));
            try (InputStream in = CatastrophicSignatureBenchmark.class.getResourceAsStream("/hostile/team/catastrophic.yaml")) {
                Files.write(root.resolve("team/catastrophic.yaml"), in.readAllBytes());
            }
            return SignatureCatalog.load(root).signatures().get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public List<Match> match() {
        String line = lines[next];
        if (++next == lines.length) {
            next = 0;
        }
        return matcher.match(line, LineContext.UNKNOWN);
    }
}
