package io.logdoctor.benchmarks;

import io.logdoctor.patterns.BenchmarkAccess;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.patterns.SignatureMatcher;
import io.logdoctor.patterns.mining.ErrorLines;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The literal prefilter alone, over every line of the mixed corpus per operation (so bytes per second
 * is the corpus's bytes over the time of one operation; setup prints them), side by side in one run:
 * {@code automaton} is the scan of each line's characters the matcher runs (Aho-Corasick), {@code bytes}
 * the skip loop over the same lines' UTF-8, {@code jsonRecord} the raw test the streams app and the
 * backtest run on each logs.raw record (the line as the shipper writes it, with its metadata), and
 * {@code jsonErrorHints} the second raw test that keeps error-looking lines for the miner; last
 * {@code decode}, the Jackson decoding of every record that both tests spare.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PrefilterScanBenchmark {

    private String[] lines;
    private byte[][] utf8;
    private byte[][] records;
    private Object prefilter;
    private SignatureMatcher matcher;

    @Setup
    public void setup() throws IOException {
        SignatureCatalog catalog = SignatureCatalog.bundled();
        List<String> corpus = MixedCorpus.lines(catalog);
        lines = corpus.toArray(String[]::new);
        utf8 = new byte[lines.length][];
        records = new byte[lines.length][];
        long lineBytes = 0;
        long recordBytes = 0;
        for (int i = 0; i < lines.length; i++) {
            utf8[i] = lines[i].getBytes(StandardCharsets.UTF_8);
            records[i] = Json.MAPPER.writeValueAsBytes(LogRecord.k8s("2026-12-06T14:00:00.123456789Z", "prod-eu-1",
                    "ip-10-0-12-34.eu-west-1.compute.internal", "payments", "checkout-7d9f8b6c5-x2x4q", "checkout", "stdout",
                    lines[i], "/var/log/pods/payments_checkout-7d9f8b6c5-x2x4q_0c6f7a0e-1b2c-4d5e-8f90-123456789abc/checkout/0.log",
                    1_000L * i, false));
            lineBytes += utf8[i].length;
            recordBytes += records[i].length;
        }
        prefilter = BenchmarkAccess.prefilter(catalog.signatures());
        matcher = catalog.matcher();
        long admitted = 0;
        long errors = 0;
        for (byte[] r : records) {
            admitted += matcher.mayMatchInJson(r) ? 1 : 0;
            errors += !matcher.mayMatchInJson(r) && ErrorLines.mayBeInJson(r) ? 1 : 0;
        }
        long lineOnly = 0;
        for (byte[] r : records) {
            lineOnly += matcher.lineMayMatchOrBeError(r) ? 1 : 0;
        }
        System.out.printf("%n[corpus] %d lines, %d bytes of UTF-8, %d bytes of logs.raw JSON; %d records pass the literal test,"
                        + " %d more the error hints (%.2f%% decoded); searching the line string only: %.2f%% decoded%n",
                lines.length, lineBytes, recordBytes, admitted, errors, 100.0 * (admitted + errors) / lines.length,
                100.0 * lineOnly / lines.length);
    }

    @Benchmark
    public void automaton(Blackhole bh) {
        for (String line : lines) {
            bh.consume(BenchmarkAccess.automatonScan(prefilter, line));
        }
    }

    @Benchmark
    public void bytes(Blackhole bh) {
        for (byte[] line : utf8) {
            bh.consume(BenchmarkAccess.utf8Scan(prefilter, line));
        }
    }

    @Benchmark
    public void jsonRecord(Blackhole bh) {
        for (byte[] record : records) {
            bh.consume(matcher.mayMatchInJson(record));
        }
    }

    /** The streams app's raw test before: literals and error hints over the whole record, metadata included. */
    @Benchmark
    public void rawTestWholeRecord(Blackhole bh) {
        for (byte[] record : records) {
            bh.consume(matcher.mayMatchOrBeErrorInJson(record));
        }
    }

    /** The streams app's raw test now: the record walked to its line string, literals and error hints over that only. */
    @Benchmark
    public void rawTestLineOnly(Blackhole bh) {
        for (byte[] record : records) {
            bh.consume(matcher.lineMayMatchOrBeError(record));
        }
    }

    @Benchmark
    public void jsonErrorHints(Blackhole bh) {
        for (byte[] record : records) {
            bh.consume(ErrorLines.mayBeInJson(record));
        }
    }

    @Benchmark
    public void decode(Blackhole bh) throws IOException {
        for (byte[] record : records) {
            bh.consume(Json.MAPPER.readValue(record, LogRecord.class));
        }
    }
}
