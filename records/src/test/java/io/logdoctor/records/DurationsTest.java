package io.logdoctor.records;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "1d, PT24H", "0s, PT0S", "90m, PT1H30M",
            "PT1H, PT1H", "pt30s, PT30S", "P1D, PT24H", "PT0.25S, PT0.25S", "' 2h ', PT2H", "15M, PT15M", "1500MS, PT1.5S"})
    void shouldReadTheShortFormAndIso(String text, String iso) {
        assertEquals(Duration.parse(iso), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "250", "1w", "1.5h", "h", "-5m", "1h30m", "PT", "P1X", "-PT5M", "PT-5M", "5 m", "99999999999999999999s"})
    void shouldRefuseAnythingElse(String text) {
        assertEquals("'" + text + "' is not a duration such as 500ms, 30s, 5m, 1h, 1d or ISO-8601 PT1H",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse(text)).getMessage());
    }

    @Test
    void shouldRefuseNull() {
        assertEquals("'null' is not a duration such as 500ms, 30s, 5m, 1h, 1d or ISO-8601 PT1H",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse(null)).getMessage());
    }

    @ParameterizedTest
    @CsvSource({"PT1H, 1h", "PT30S, 30s", "PT0.25S, 250ms", "PT90M, 90m", "P1D, 1d", "PT0S, 0ms", "PT1.5S, 1500ms"})
    void shouldFormatWhatItReadsBack(String iso, String text) {
        assertEquals(text, Durations.format(Duration.parse(iso)));
        assertEquals(Duration.parse(iso), Durations.parse(text));
    }
}
