package io.logdoctor.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.logdoctor.patterns.LineContext;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.patterns.SignatureMatcher;
import io.logdoctor.patterns.mining.CandidateBook;
import io.logdoctor.patterns.mining.ErrorLines;
import io.logdoctor.patterns.mining.Assignment;
import io.logdoctor.patterns.mining.TemplateMiner;
import io.logdoctor.records.Json;
import io.logdoctor.records.Timestamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code logdoctor discover}: mines the error-looking lines of files that no signature explains into
 * templates and prints the top candidates; {@code --draft} writes a signature skeleton from one.
 * {@code --all-lines --assignments FILE} is a contract for scoring the miner: one JSON object per input
 * record, {@code {"line":<1-based, across the files in order>,"template":"<its final template>"}}, the
 * final template being the line's {@link Assignment} once every file was mined.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "Mine error-looking lines no signature explains into templates; print the top candidates.")
final class DiscoverCommand implements Callable<Integer> {

    @Mixin
    FileInputOptions input;

    @Option(names = "--signatures", paramLabel = "DIR", description = "A signature catalogue directory (default: the bundled catalogue).")
    Path signatures;

    @Option(names = "--all-lines", description = "Mine every line, not only error-looking ones no signature explains.")
    boolean allLines;

    @Option(names = "--assignments", paramLabel = "FILE", description = "Write {\"line\",\"template\"} for every mined line to FILE.")
    Path assignments;

    @Mixin
    CandidateOptions output;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to read, in the order given.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        input.check();
        SignatureMatcher matcher = allLines ? null
                : (signatures == null ? SignatureCatalog.bundled() : SignatureCatalog.load(signatures)).matcher();
        // offline, every template is kept: --assignments must name each line's final template
        CandidateBook book = new CandidateBook(TemplateMiner.Settings.DEFAULT.withMaxClusters(Integer.MAX_VALUE));
        List<Assignment> taken = assignments == null ? null : new ArrayList<>();
        List<Long> numbers = assignments == null ? null : new ArrayList<>();
        long[] seen = new long[2]; // records read, lines mined
        for (Path file : files) {
            input.read(file, r -> {
                seen[0]++;
                String line = r.line();
                if (!allLines && (!ErrorLines.test(line) || !matcher.match(line,
                        new LineContext(r.source(), r.namespace(), r.container(), r.logGroup())).isEmpty())) {
                    return;
                }
                seen[1]++;
                Long time = Timestamps.millis(r.ts());
                Assignment a = book.assign(line, CandidateBook.scopeOf(r), time == null ? 0 : time);
                if (taken != null) {
                    taken.add(a);
                    numbers.add(seen[0]);
                }
            });
        }
        if (assignments != null) {
            writeAssignments(taken, numbers);
        }
        System.err.println("logdoctor discover: " + seen[1] + " of " + seen[0] + " lines mined ("
                + (allLines ? "all lines" : "error-looking, explained by no signature") + "), "
                + book.miner().templates().size() + " templates");
        output.emit("discover", book.ranked());
        return 0;
    }

    private void writeAssignments(List<Assignment> taken, List<Long> numbers) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(assignments, StandardCharsets.UTF_8);
             JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (int i = 0; i < taken.size(); i++) {
                g.writeStartObject();
                g.writeNumberField("line", numbers.get(i));
                g.writeStringField("template", taken.get(i).text());
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }
}
