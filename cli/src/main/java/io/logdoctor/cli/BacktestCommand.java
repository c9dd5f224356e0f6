package io.logdoctor.cli;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.patterns.SingleSignature;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Durations;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import io.logdoctor.streams.Backtest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@code logdoctor signatures backtest FILE.yaml}: what a signature would have diagnosed over the
 * retained history of logs.raw (or over files), through the streams app's own engine, before it is
 * pushed: one report per scope with how often it fired, its matches, first and last seen, and evidence;
 * then, when the signature has near-miss fixtures, the lines like them ({@link NearMissReport}).
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Run one signature over past logs.raw records (or --files) with the app's rules; report what it would have fired, per scope.")
final class BacktestCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    static final class From {
        @Option(names = "--from", paramLabel = "AGO", description = "Start this long ago: 90s, 30m, 24h, 7d (default: 24h).")
        String ago;

        @Option(names = "--from-offset", paramLabel = "OFFSETS",
                description = "Start at an offset: earliest, N for every partition, or P:N,P:N per partition.")
        String offsets;
    }

    @ArgGroup(exclusive = true)
    From from = new From();

    @Option(names = "--files", arity = "1..*", paramLabel = "FILE", description = "Backtest over these files instead of Kafka.")
    List<Path> files;

    @Mixin
    FileInputOptions input;

    @Option(names = "--signatures", paramLabel = "DIR",
            description = "The catalogue the signature joins, for refinement (default: the bundled catalogue).")
    Path base;

    @Option(names = "--json", description = "Print one JSON object per scope, then {\"nearMisses\":...} if the signature has near misses.")
    boolean json;

    @Parameters(paramLabel = "FILE.yaml", description = "The signature file to backtest.")
    Path signature;

    @Override
    public Integer call() throws Exception {
        TopicHistory.Start start = files == null ? start(from) : null; // a bad --from fails before anything is read
        SignatureCatalog catalog = SingleSignature.of(signature,
                base == null ? SignatureCatalog.bundled() : SignatureCatalog.load(base));
        Backtest backtest = new Backtest(catalog);
        // SingleSignature puts the signature under test first, then those it refines or that refine it
        NearMissReport nearMisses = NearMissReport.of(catalog.signatures().get(0).id(), signature, catalog.matcher());
        Consumer<LogRecord> sink = nearMisses == null ? backtest::accept : r -> {
            backtest.accept(r);
            nearMisses.accept(r);
        };
        long started = System.nanoTime();
        String source;
        long undecodable = 0;
        long read;
        if (files != null) {
            input.check();
            for (Path file : files) {
                input.read(file, sink::accept);
            }
            source = files.size() + " files";
            read = backtest.records();
        } else {
            Settings settings = kafka.settings();
            TopicHistory history = new TopicHistory(kafka.bootstrapServers(settings), settings.kafkaProperties());
            // a record whose JSON holds none of the signatures' literals cannot match: it is not even decoded
            Predicate<byte[]> mayMatter = catalog.matcher()::mayMatchInJson;
            if (nearMisses != null) { // near misses share words with the signature but may lack its required literals
                Predicate<CharSequence> resembles = nearMisses.mayResembleInJson();
                mayMatter = mayMatter.or(json -> resembles.test(new Latin1View(json)));
            }
            read = history.logRecords(start, mayMatter, sink);
            undecodable = history.undecodable;
            source = "logs.raw";
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Backtest.ScopeReport> reports = backtest.finish();
        print(reports, nearMisses);
        System.err.printf(Locale.ROOT, "logdoctor signatures backtest: %s: %d records in %.1f s (%.0f/s, %d decoded)%s, "
                        + "%d scopes diagnosed%n", source, read, seconds, read / Math.max(seconds, 1e-9), backtest.records(),
                undecodable == 0 ? "" : ", " + undecodable + " records undecodable and skipped", reports.size());
        return 0;
    }

    private void print(List<Backtest.ScopeReport> reports, NearMissReport nearMisses) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (Backtest.ScopeReport r : reports) {
            if (json) {
                out.println(Json.MAPPER.writeValueAsString(r));
                continue;
            }
            out.printf(Locale.ROOT, "%s  %s  fired %d times, %d matches, first %s, last %s%s%n", r.signature(), r.scope().key(),
                    r.firings(), r.count(), r.firstSeen(), r.lastSeen(), r.refinedBy() == null ? "" : ", refined by " + r.refinedBy());
            for (Diagnosis.Evidence e : r.evidence()) {
                out.println("    " + e.ts() + "  " + e.line());
            }
        }
        if (nearMisses != null && json) {
            out.println(Json.MAPPER.writeValueAsString(Map.of("nearMisses", nearMisses.summary())));
        } else if (nearMisses != null) {
            nearMisses.text().forEach(out::println);
        }
        out.flush();
    }

    static TopicHistory.Start start(From from) {
        if (from.offsets != null) {
            String o = from.offsets.strip();
            if (o.equals("earliest")) {
                return TopicHistory.EARLIEST;
            }
            if (o.matches("\\d+")) {
                return new TopicHistory.Start(null, Long.parseLong(o), null);
            }
            Map<Integer, Long> offsets = new HashMap<>();
            for (String part : o.split(",")) {
                String[] pn = part.strip().split(":");
                if (pn.length != 2 || !pn[0].matches("\\d+") || !pn[1].matches("\\d+")) {
                    throw new IllegalArgumentException("--from-offset: use earliest, N, or P:N,P:N (partition:offset); was '"
                            + from.offsets + "'");
                }
                offsets.put(Integer.parseInt(pn[0]), Long.parseLong(pn[1]));
            }
            return new TopicHistory.Start(null, null, offsets);
        }
        Duration d;
        try {
            d = Durations.parse(from.ago == null ? "24h" : from.ago);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--from: use a number and a unit s, m, h or d, like 24h; was '" + from.ago + "'");
        }
        return new TopicHistory.Start(Instant.now().minus(d), null, null);
    }
}
