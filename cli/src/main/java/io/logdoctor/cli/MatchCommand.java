package io.logdoctor.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.logdoctor.patterns.LineContext;
import io.logdoctor.patterns.Match;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.patterns.SignatureMatcher;
import io.logdoctor.records.Json;
import io.logdoctor.shipper.LineDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code logdoctor match}: which signatures each line matches. The output is a contract that
 * signature authors and the precision checks depend on: one JSON object per matching line,
 * {@code {"file":"<path or ->","line":<1-based>,"signatures":["<id>",...]}}, nothing for other lines.
 */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = "Print {\"file\",\"line\",\"signatures\"} for every line of FILE (or stdin) that matches a signature.")
final class MatchCommand implements Callable<Integer> {

    @Option(names = "--format", defaultValue = "raw",
            description = "Line format: raw, cri, docker or kubectl (`kubectl logs` output) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--signatures", paramLabel = "DIR", description = "A signature catalogue directory (default: the bundled catalogue).")
    Path signatures;

    @Parameters(paramLabel = "FILE", description = "Files to read; none or - reads stdin.")
    List<String> files = List.of();

    @Override
    public Integer call() throws IOException {
        SignatureMatcher matcher = (signatures == null ? SignatureCatalog.bundled()
                : SignatureCatalog.load(Inputs.catalogueDir(signatures))).matcher();
        LineDecoder.of(format); // fail on a bad --format before reading anything
        files.stream().filter(f -> !"-".equals(f)).forEach(f -> Inputs.logFile(Path.of(f))); // and on a bad file
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (String file : files.isEmpty() ? List.of("-") : files) {
            long malformed;
            try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
                malformed = LINES.equals(System.getProperty(PATH)) ? scanLines(file, in, format, matcher, out)
                        : ByteMatch.scan(file, in, format.toLowerCase(Locale.ROOT), matcher, out);
            }
            if (malformed > 0) {
                System.err.println("logdoctor match: " + file + ": " + malformed + " lines were not "
                        + format + " lines and were skipped");
            }
        }
        out.flush();
        return 0;
    }

    /** The line-by-line path (a String per line) instead of {@link ByteMatch}: the reference it is tested and measured against. */
    static final String PATH = "logdoctor.match.path";
    static final String LINES = "lines";

    static long scanLines(String file, InputStream in, String format, SignatureMatcher matcher,
                                  PrintStream out) throws IOException {
        LineDecoder decoder = LineDecoder.of(format);
        // InputStreamReader replaces invalid UTF-8 instead of failing, so binary junk is just a non-match.
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String physical;
        while ((physical = reader.readLine()) != null) {
            print(file, decoder.decode(physical), matcher, out);
        }
        print(file, decoder.finish(), matcher, out);
        return decoder.malformed();
    }

    /** A joined event is reported at the physical line where it starts. */
    private static void print(String file, List<LineDecoder.Decoded> lines, SignatureMatcher matcher, PrintStream out)
            throws IOException {
        for (LineDecoder.Decoded d : lines) {
            List<Match> matches = matcher.match(d.line(), LineContext.UNKNOWN);
            if (!matches.isEmpty()) {
                out.println(result(file, d.firstLine(), matches));
            }
        }
    }

    static String result(String file, long line, List<Match> matches) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("file", file);
            json.writeNumberField("line", line);
            json.writeArrayFieldStart("signatures");
            for (Match m : matches) {
                json.writeString(m.signature().id());
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return text.toString();
    }
}
