package io.logdoctor.patterns.mining;

import io.logdoctor.patterns.FixtureLines;
import io.logdoctor.patterns.SignatureCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorLinesTest {

    /** The error pattern whole, as ErrorLines ran it before its alternatives were split and gated. */
    private static final Pattern WHOLE = Pattern.compile(
            "(?i:\\b(?:level|lvl|severity)\\W{0,3}(?:error|err|fatal|critical|crit|panic)\\b)"
                    + "|\\b(?:ERROR|FATAL|CRITICAL|CRIT|PANIC|ERR)\\b"
                    + "|(?i:\\[(?:error|fatal|critical|crit|panic)])"
                    + "|\\w(?:Exception|Error)\\b|\\bTraceback \\(most recent call last\\)|\\bpanic: "
                    + "|^[EF]\\d{4} \\d\\d:\\d\\d:\\d\\d"
                    + "|\\bexit(?:ed)?(?: with)? (?:code|status)[ =:]*[1-9]\\d*"
                    + "|\\bexit_code\\W{0,3}[1-9]");

    @Test
    void shouldAgreeWithTheWholePatternOnFixturesCorporaAndFuzzedLines() throws IOException {
        List<String> lines = new ArrayList<>(FixtureLines.under(SignatureCatalog.bundled().root(), ".log"));
        Path corpora = Path.of(System.getProperty("logdoctor.corpora", "../../shared/corpora")).toAbsolutePath().normalize();
        if (Files.isDirectory(corpora)) { // the team's shared folder beside the checkout; CI has none
            try (Stream<Path> walk = Files.walk(corpora)) {
                for (Path file : walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md")).sorted().toList()) {
                    lines.addAll(readLines(file));
                }
            }
        }
        String[] pieces = {"ERROR", "error", "Err", "ERR", "[Error]", "[crit]", "level=", "LVL: ", "Severity\":\"", "FATAL",
                "fatal", "Critical", "CRITICAL", "panic: ", "PANIC", "Exception", "IOError", "Traceback (most recent call last)",
                "exited with code 3", "exit status 0", "exit_code=1", "E0102 15:04:05", "F1231 01:02:03", "E1", " ", "_", "-", ":",
                "\u017Fevere", "\u212Aelvin", "é"};
        Random random = new Random(16);
        int fixtures = lines.size();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder(fixtures > 0 && random.nextBoolean() ? lines.get(random.nextInt(fixtures)) : "");
            for (int k = random.nextInt(4); k >= 0; k--) {
                line.insert(random.nextInt(line.length() + 1), pieces[random.nextInt(pieces.length)]);
            }
            lines.add(line.toString());
        }
        List<String> differ = lines.stream().filter(l -> ErrorLines.test(l) != whole(l)).limit(10).toList();
        assertEquals(List.of(), differ);
        assertTrue(lines.stream().filter(ErrorLines::test).count() > 1_000, "lines seen as errors");
    }

    private static boolean whole(String line) {
        for (String hint : ErrorLines.hints()) {
            if (line.contains(hint)) {
                return WHOLE.matcher(line).find();
            }
        }
        return false;
    }

    private static List<String> readLines(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"level\":\"error\",\"ts\":\"2024-01-01T00:00:00Z\",\"msg\":\"sync failed\"}",
            "time=2024-01-01T00:00:00Z level=fatal msg=\"cannot start\"",
            "2024-01-01 00:00:00 ERROR [main] c.e.App - boom",
            "[critical] disk controller reset",
            "java.lang.IllegalStateException: pool closed",
            "Traceback (most recent call last):",
            "panic: runtime error: invalid memory address or nil pointer dereference",
            "E0102 15:04:05.000000       1 reflector.go:138] failed to list",
            "F0102 15:04:05.000000       1 main.go:12] cannot continue",
            "process exited with code 137",
            "command failed: exit status 2",
    })
    void shouldSeeAnError(String line) {
        assertTrue(ErrorLines.test(line), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"level\":\"info\",\"msg\":\"no errors found\"}",
            "I0102 15:04:05.000000       1 main.go:12] Starting",
            "process exited with code 0",
            "errorCount=0 all good",
            "Error handling is enabled",
            "GET /healthz 200",
    })
    void shouldNotSeeAnError(String line) {
        assertFalse(ErrorLines.test(line), line);
    }
}
