package io.logdoctor.benchmarks.mining;

import io.logdoctor.patterns.mining.TemplateMiner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The miner over the 32,000 messages of the 16 Loghub 2k sets, one invocation mining all of them into
 * a fresh miner (so the tree grows from empty as it does online), single-threaded: the score is lines
 * per second. The corpus directory is {@code -Dlogdoctor.loghub} (default ../shared/corpora/loghub).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MinerBenchmark {

    static final int LINES = 32_000;

    private String[] lines;

    @Setup
    public void setup() throws IOException {
        Path dir = Path.of(System.getProperty("logdoctor.loghub", "../shared/corpora/loghub"));
        List<String> all = new ArrayList<>(LINES);
        for (String name : LoghubSet.NAMES) {
            all.addAll(LoghubSet.read(dir, name).contents());
        }
        if (all.size() != LINES) {
            throw new IllegalStateException(dir + ": expected " + LINES + " lines in the 16 sets; was " + all.size());
        }
        lines = all.toArray(String[]::new);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public TemplateMiner mine() {
        TemplateMiner miner = new TemplateMiner();
        for (String line : lines) {
            miner.add(line);
        }
        return miner;
    }
}
