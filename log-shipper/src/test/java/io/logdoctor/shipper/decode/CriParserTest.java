package io.logdoctor.shipper.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CriParserTest {

    private static final String TS = "2024-03-01T10:15:30.123456789Z";

    @Test
    void shouldParseFullLine() throws Exception {
        assertEquals(new CriLine(TS, "stdout", false, "ipamd: started  with two spaces"),
                CriParser.parseLine(TS + " stdout F ipamd: started  with two spaces"));
    }

    @Test
    void shouldParsePartialLine() throws Exception {
        assertEquals(new CriLine(TS, "stderr", true, "first "), CriParser.parseLine(TS + " stderr P first "));
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
        assertEquals(reason.strip(), assertThrows(CriParser.MalformedLine.class, () -> CriParser.parseLine(line)).getMessage());
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
}
