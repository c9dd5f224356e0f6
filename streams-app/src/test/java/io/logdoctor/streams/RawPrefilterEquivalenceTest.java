package io.logdoctor.streams;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.logdoctor.patterns.FixtureLines;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.ServiceMetrics;
import io.logdoctor.records.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw test must change nothing but the work: for every record, the match events of the diagnosis
 * branch and the unexplained error lines of the candidates branch are the same whether the record was
 * decoded or went through {@link RawPrefilter}, on the catalogue's fixtures made into records written
 * plainly and with every non-ASCII character escaped, fuzzed lines (quotes, backslashes, controls,
 * unicode, literals split by an escape or a quote), under several scopes, and every line of the corpora.
 */
class RawPrefilterEquivalenceTest {

    /** As Go's encoder or an ASCII-only one writes JSON: non-ASCII and more as \\u escapes. */
    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final String[][] SCOPES = {
            {"k8s", "kube-system", "aws-node"}, {"k8s", "default", "web"}, {"k8s", "monitoring", "prometheus"}, {"lambda", null, null}};

    private final SignatureCatalog catalog = SignatureCatalog.bundled();
    private final LineMatcher matcher = new LineMatcher(() -> catalog, new AppMetrics());
    private final UnexplainedErrors unexplained = new UnexplainedErrors(() -> catalog, new ErrorCoverage(ServiceMetrics.create()));
    private final Deserializer<LogRecord> decoder = Topics.LOGS_RAW.valueSerde().deserializer();
    private final RawPrefilter prefilter = new RawPrefilter(() -> catalog);
    private int skipped;

    @Test
    void shouldGiveTheSameEventsOnFixturesAndFuzzedRecords() throws IOException {
        List<String> fixtures = FixtureLines.under(catalog.root(), ".log");
        List<String> lines = new ArrayList<>(fixtures);
        lines.addAll(fuzzed(fixtures, new Random(16), 2_000));

        List<String> differences = differences(lines);

        assertEquals(List.of(), differences, () -> String.join("\n", differences.subList(0, Math.min(10, differences.size()))));
        assertTrue(fixtures.size() > 100, "fixtures: " + fixtures.size());
        assertTrue(skipped > lines.size() / 2, "records skipped: " + skipped + " of " + 4 * lines.size());
    }

    @Test
    void shouldGiveTheSameEventsOnTheCorpora() throws IOException {
        String configured = System.getProperty("logdoctor.corpora");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "corpora").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(root), "no corpora at " + root
                + " (they live in the team's shared folder beside the checkout; pass -Dlogdoctor.corpora=DIR)");
        List<String> lines = corpusLines(root);

        List<String> differences = differences(lines);

        assertTrue(lines.size() > 10_000, "corpus lines: " + lines.size());
        assertEquals(List.of(), differences, () -> String.join("\n", differences.subList(0, Math.min(10, differences.size()))));
        assertTrue(skipped > lines.size() * 2, "records skipped: " + skipped + " of " + 4 * lines.size());
    }

    /** Each line as a record of two scopes (in turn), written plainly and escaped: where the two paths disagree. */
    private List<String> differences(List<String> lines) throws IOException {
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (String[] scope : List.of(SCOPES[i % SCOPES.length], SCOPES[(i + 1) % SCOPES.length])) {
                LogRecord record = "lambda".equals(scope[0])
                        ? new LogRecord("2026-12-06T14:00:00Z", "lambda", null, null, null, null, null, null, "/aws/lambda/orders",
                        "2026/12/06/[$LATEST]abc", "orders", "req-1", line, null, null, "delivery-1", null)
                        : LogRecord.k8s("2026-12-06T14:00:00.123456789Z", "prod", "ip-10-0-1-2", scope[1], "pod-1", scope[2],
                        "stdout", line, "/var/log/pods/x/0.log", 42, false);
                for (ObjectMapper mapper : List.of(Json.MAPPER, ESCAPING)) {
                    byte[] bytes = mapper.writeValueAsBytes(record);
                    LogRecord decoded = decoder.deserialize("logs.raw", bytes);
                    LogRecord filtered = prefilter.deserialize("logs.raw", bytes);
                    skipped += filtered == RawPrefilter.SKIPPED ? 1 : 0;
                    Object expected = List.of(matcher.matches(decoded), unexplained.of(decoded));
                    Object actual = List.of(matcher.matches(filtered), unexplained.of(filtered));
                    if (!expected.equals(actual)) {
                        differences.add(new String(bytes, StandardCharsets.UTF_8) + ": decoded " + expected + ", filtered " + actual);
                    }
                }
            }
        }
        return differences;
    }

    /**
     * Lines around the fixtures where a byte test would go wrong: a quote, a backslash, a newline or a tab
     * put inside (splitting a literal), the line quoted inside a JSON line, unicode around it, cut at
     * either end, and case changed.
     */
    private static List<String> fuzzed(List<String> fixtures, Random random, int count) {
        String[] inserts = {"\"", "\\", "\n", "\t", "\u0001", "é", "日本", "\uD83D\uDE00", "\\u0041", "/", "<&>"};
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String a = fixtures.get(random.nextInt(fixtures.size()));
            int cut = random.nextInt(a.length() + 1);
            String insert = inserts[random.nextInt(inserts.length)];
            lines.add(switch (i % 6) {
                case 0 -> a.substring(0, cut) + insert + a.substring(cut);
                case 1 -> "{\"msg\":\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"level\":\"error\"}";
                case 2 -> insert + " " + a + " " + insert;
                case 3 -> random.nextBoolean() ? a.substring(cut) : a.substring(0, cut);
                case 4 -> random.nextBoolean() ? a.toUpperCase() : a.toLowerCase();
                default -> a.replace(" ", random.nextBoolean() ? "\t" : " \" ");
            });
        }
        return lines;
    }


    private static List<String> corpusLines(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            try {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            } catch (MalformedInputException e) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
            }
        }
        return lines;
    }
}
