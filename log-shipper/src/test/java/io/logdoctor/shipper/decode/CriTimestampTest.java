package io.logdoctor.shipper.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The shipper's fast timestamp check accepts only what java.time's RFC 3339 parser accepts. */
class CriTimestampTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-01T10:15:30.123456789Z", "2024-03-01T10:15:30Z", "2024-03-01T10:15:30.1Z",
            "2024-02-29T23:59:59.999999999Z", "2000-02-29T00:00:00Z", "2024-03-01T10:15:30.123+02:00",
            "2024-03-01T10:15:30-05:30", "0000-01-01T00:00:00Z"})
    void shouldAcceptWhatRuntimesWrite(String timestamp) {
        assertTrue(CriParser.isCommonRfc3339(timestamp), timestamp);
        assertTrue(isoAccepts(timestamp), timestamp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T10:15:30Z", "1900-02-29T10:15:30Z", "2024-04-31T10:15:30Z", "2024-13-01T10:15:30Z",
            "2024-00-01T10:15:30Z", "2024-03-00T10:15:30Z", "2024-03-01T24:00:00Z", "2024-03-01T10:60:30Z",
            "2024-03-01T10:15:60Z", "2024-03-01T10:15:30.Z", "2024-03-01T10:15:30.1234567890Z", "2024-03-01T10:15:30",
            "2024-03-01 10:15:30Z", "2024-03-01T10:15:30+2:00", "2024-03-01T10:15:30+02", "2024-3-01T10:15:30Z", "x"})
    void shouldLeaveEverythingElseToJavaTime(String timestamp) {
        assertFalse(CriParser.isCommonRfc3339(timestamp), timestamp);
    }

    @Test
    void shouldNeverAcceptWhatJavaTimeRejects() {
        Random random = new Random(6);
        String alphabet = "0123456789-:T.Z+ tz9";
        String[] seeds = {"2024-03-01T10:15:30.123456789Z", "2024-02-29T23:59:59Z", "2023-12-31T00:00:00.5+17:59"};
        for (int i = 0; i < 200_000; i++) {
            StringBuilder t = new StringBuilder(seeds[i % seeds.length]);
            for (int m = random.nextInt(3) + 1; m > 0; m--) {
                int at = random.nextInt(t.length());
                switch (random.nextInt(3)) {
                    case 0 -> t.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> t.deleteCharAt(at);
                    default -> t.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String s = t.toString();
            if (s.length() >= 1 && CriParser.isCommonRfc3339(s) && !isoAccepts(s)) {
                fail("accepted " + s + ", which java.time rejects");
            }
        }
    }

    private static boolean isoAccepts(String timestamp) {
        try {
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(timestamp);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
