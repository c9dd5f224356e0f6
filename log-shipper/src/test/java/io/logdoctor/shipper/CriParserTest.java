package io.logdoctor.shipper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CriParserTest {

    private static final String TS = "2024-03-01T10:15:30.123456789Z";

    private final CriParser parser = new CriParser(1024);

    @Test
    void shouldParseFullLine() {
        assertEquals(new ParseResult.Entry(TS, "stdout", "ipamd: started  with two spaces", 42, false),
                parser.accept(TS + " stdout F ipamd: started  with two spaces", 42, false));
    }

    @Test
    void shouldReassemblePartialLines() {
        assertEquals(ParseResult.PENDING, parser.accept(TS + " stdout P first ", 0, false));
        assertEquals(ParseResult.PENDING,
                parser.accept("2024-03-01T10:15:30.2Z stdout P second ", 100, false));

        assertEquals(new ParseResult.Entry(TS, "stdout", "first second third", 0, false),
                parser.accept("2024-03-01T10:15:30.3Z stdout F third", 200, false));
        assertEquals(OptionalLong.empty(), parser.pendingOffset());
    }

    @Test
    void shouldReassembleEachStreamSeparately() {
        parser.accept(TS + " stdout P out-1 ", 0, false);
        parser.accept(TS + " stderr P err-1 ", 50, false);

        assertEquals(new ParseResult.Entry(TS, "stderr", "err-1 err-2", 50, false),
                parser.accept(TS + " stderr F err-2", 100, false));
        assertEquals(OptionalLong.of(0), parser.pendingOffset());
        assertEquals(new ParseResult.Entry(TS, "stdout", "out-1 out-2", 0, false),
                parser.accept(TS + " stdout F out-2", 150, false));
    }

    @Test
    void shouldParseEmptyMessageWithOrWithoutTrailingSpace() throws Exception {
        assertEquals(new CriLine(TS, "stdout", false, ""), CriParser.parseLine(TS + " stdout F"));
        assertEquals(new CriLine(TS, "stderr", false, ""), CriParser.parseLine(TS + " stderr F "));
        assertEquals(new CriLine(TS, "stdout", true, ""), CriParser.parseLine(TS + " stdout P"));
    }

    @Test
    void shouldIgnoreTagExtensions() throws Exception {
        assertEquals(new CriLine(TS, "stdout", false, "hello"), CriParser.parseLine(TS + " stdout F:x hello"));
        assertEquals(new CriLine(TS, "stdout", true, "hel"), CriParser.parseLine(TS + " stdout P:x:y hel"));
    }

    @Test
    void shouldKeepTimestampWithOffsetAsPrinted() throws Exception {
        assertEquals("2022-09-02T09:21:48.321+09:00",
                CriParser.parseLine("2022-09-02T09:21:48.321+09:00 stdout F hi").timestamp());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "garbage| no space after the timestamp; was \"garbage\"",
            "{log:docker-json}| no space after the timestamp; was \"{log:docker-json}\"",
            "I0301 10:15:30.123 main.go:42] klog line| timestamp is not RFC 3339; was \"I0301\"",
            "yesterday stdout F hi| timestamp is not RFC 3339; was \"yesterday\"",
            "2024-03-01T10:15:30Z stdout| no tag after the stream; was \"stdout\"",
            "2024-03-01T10:15:30Z stdin F hi| stream is neither stdout nor stderr; was \"stdin\"",
            "2024-03-01T10:15:30Z stdout X hi| tag is neither F nor P; was \"X\"",
            "2024-03-01T10:15:30Z stdout  hi| tag is neither F nor P; was \"\"",
    })
    void shouldReportMalformedLineWithReason(String line, String reason) {
        assertEquals(new ParseResult.Malformed(reason.strip()), parser.accept(line, 0, false));
    }

    @Test
    void shouldCutLongValuesInMalformedReason() {
        CriParser.MalformedLine e = assertThrows(CriParser.MalformedLine.class,
                () -> CriParser.parseLine("x".repeat(100) + " stdout F hi"));

        assertEquals("timestamp is not RFC 3339; was \"" + "x".repeat(60) + "…\" (100 chars)", e.getMessage());
    }

    @Test
    void shouldRedactSecretsInMalformedReason() {
        CriParser.MalformedLine e = assertThrows(CriParser.MalformedLine.class,
                () -> CriParser.parseLine("PGPASSWORD=hunter2hunter2 psql -h db"));

        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void shouldCutJoinedLineAtLimitAndMarkIt() {
        CriParser small = new CriParser(10);
        small.accept(TS + " stdout P 0123456", 0, false);

        assertEquals(new ParseResult.Entry(TS, "stdout", "0123456789", 0, true),
                small.accept(TS + " stdout F 789abc", 30, false));
    }

    @Test
    void shouldCarryTruncationFromFileReader() {
        assertEquals(new ParseResult.Entry(TS, "stdout", "cut", 0, true), parser.accept(TS + " stdout F cut", 0, true));
    }
}
