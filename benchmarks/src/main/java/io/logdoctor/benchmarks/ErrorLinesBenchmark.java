package io.logdoctor.benchmarks;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.patterns.mining.ErrorLines;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Whether a line looks like an error (the candidates miner's input, asked of every line the streams app decodes), over
 * the lines of the mixed corpus that hold one of {@link ErrorLines#hints()} (the others never reach a regex), side by
 * side: {@code whole} the one pattern the test ran before, {@code split} its alternatives each gated by what it needs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ErrorLinesBenchmark {

    /** The pattern as ErrorLines ran it before (ErrorLinesTest checks the two agree). */
    private static final Pattern WHOLE = Pattern.compile(
            "(?i:\\b(?:level|lvl|severity)\\W{0,3}(?:error|err|fatal|critical|crit|panic)\\b)"
                    + "|\\b(?:ERROR|FATAL|CRITICAL|CRIT|PANIC|ERR)\\b"
                    + "|(?i:\\[(?:error|fatal|critical|crit|panic)])"
                    + "|\\w(?:Exception|Error)\\b|\\bTraceback \\(most recent call last\\)|\\bpanic: "
                    + "|^[EF]\\d{4} \\d\\d:\\d\\d:\\d\\d"
                    + "|\\bexit(?:ed)?(?: with)? (?:code|status)[ =:]*[1-9]\\d*"
                    + "|\\bexit_code\\W{0,3}[1-9]");

    private String[] hinted;

    @Setup
    public void setup() throws IOException {
        List<String> all = MixedCorpus.lines(SignatureCatalog.bundled());
        hinted = all.stream().filter(line -> ErrorLines.hints().stream().anyMatch(line::contains)).toArray(String[]::new);
        long errors = List.of(hinted).stream().filter(ErrorLines::test).count();
        System.out.printf("%n[corpus] %d lines, %d hold a hint, %d of those look like errors%n", all.size(), hinted.length, errors);
    }

    @Benchmark
    public void whole(Blackhole bh) {
        for (String line : hinted) {
            bh.consume(WHOLE.matcher(line).find());
        }
    }

    @Benchmark
    public void split(Blackhole bh) {
        for (String line : hinted) {
            bh.consume(ErrorLines.test(line));
        }
    }
}
