package io.logdoctor.shipper.torture;

import io.logdoctor.shipper.testing.ShipperJvm;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shipper torture harness (issue 11): runs the cases of the short or the full mode against a shipper
 * command on one real broker, prints a table of lost and duplicated lines per container, and appends it
 * to a results file. Settings are system properties, so Maven can pass them to {@code TortureIT}:
 *
 * <pre>
 * torture.mode     short (default, ~2-3 min, what CI runs) or full (each mode alone, all at 15k and 30k lines/s
 *                  with kills, the broker down 60 s)
 * torture.shipper  the command, split on spaces, with {bootstrap} {pods} {state} {cluster} {node};
 *                  default: this classpath's ShipperMain (the shipper's real code, 50 ms polls)
 * torture.topic    the topic the command writes (default logs.raw)
 * torture.cases    comma-separated case names to run (default all of the mode)
 * torture.repeat   run the mode's cases this many times (default 1)
 * torture.seed     the random seed (default: the clock); printed, so a run can be repeated
 * torture.work     where pod trees, state and logs go (default target/torture)
 * torture.results  the results file (default &lt;work&gt;/results.txt)
 * </pre>
 */
final class Torture {

    private Torture() {
    }

    static List<ContainerResult> runFromProperties(PrintStream out) throws IOException, InterruptedException {
        String mode = System.getProperty("torture.mode", "short");
        List<TortureCase> cases = switch (mode) {
            case "short" -> TortureCase.shortRun();
            case "full" -> TortureCase.full();
            default -> throw new IllegalArgumentException("torture.mode must be short or full; was " + mode);
        };
        String only = System.getProperty("torture.cases", "");
        if (!only.isBlank()) {
            List<String> names = Arrays.asList(only.split(","));
            cases = cases.stream().filter(c -> names.contains(c.name())).toList();
            if (cases.isEmpty()) {
                throw new IllegalArgumentException("torture.cases names no case of mode " + mode + ": " + only);
            }
        }
        Path work = Path.of(System.getProperty("torture.work", "target/torture")).toAbsolutePath();
        Files.createDirectories(work);
        Path results = Path.of(System.getProperty("torture.results", work.resolve("results.txt").toString()));
        long seed = Long.getLong("torture.seed", System.currentTimeMillis());
        String command = System.getProperty("torture.shipper", "");
        TortureRun.Settings settings = new TortureRun.Settings(command.isBlank() ? defaultShipper() : List.of(command.trim().split(" +")),
                System.getProperty("torture.topic", "logs.raw"), work, seed);
        int repeat = Integer.getInteger("torture.repeat", 1);
        List<ContainerResult> all = new ArrayList<>();
        try (TortureBroker broker = new TortureBroker(work.resolve("kafka-" + Long.toString(System.currentTimeMillis(), 36)))) {
            for (int i = 1; i <= repeat; i++) {
                for (TortureCase c : cases) {
                    TortureRun.Report report = TortureRun.run(c, broker, settings);
                    all.addAll(report.results());
                    List<String> text = new ArrayList<>();
                    text.add("# " + Instant.now() + " run " + i + "/" + repeat + ", seed " + seed + ", shipper: "
                            + ShipperProcess.shown(settings.shipperCommand()));
                    text.add("# " + report.summary());
                    text.add(ContainerResult.header());
                    report.results().forEach(r -> text.add(r.row()));
                    text.add("");
                    text.forEach(out::println);
                    Files.write(results, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
        }
        out.println("torture: results appended to " + results);
        return all;
    }

    /** The shipper's real code in a child JVM, as KillIT runs it (ShipperMain, exactly once, 50 ms polls). */
    static List<String> defaultShipper() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Under failsafe java.class.path is a manifest-only jar whose Class-Path the child follows.
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ShipperJvm.OPTIONS); // the launcher's defaults for `logdoctor shipper`
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.logdoctor.shipper.ShipperMain",
                "{bootstrap}", "{pods}", "{state}", "{cluster}", "{node}"));
        return command;
    }
}
