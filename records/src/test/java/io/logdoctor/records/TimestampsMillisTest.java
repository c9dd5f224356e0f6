package io.logdoctor.records;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TimestampsMillisTest {

    @Test
    void shouldReadAnRfc3339TimeWithAnyOffset() {
        assertEquals(1662078108321L, Timestamps.millis("2022-09-02T00:21:48.321456789Z"));
        assertEquals(1662078108321L, Timestamps.millis("2022-09-02T02:21:48.321+02:00"));
    }

    @Test
    void shouldRefuseTimesWhoseMillisOverflowOrThatNoLogLineCarries() {
        assertNull(Timestamps.millis("+999999999-12-31T23:59:59.999999999+18:00"));
        assertNull(Timestamps.millis("-999999999-01-01T00:00:00-18:00"));
        assertNull(Timestamps.millis("+10000-01-01T00:00:00Z"));
        assertNull(Timestamps.millis("1969-12-31T23:59:59Z"));
    }

    @Test
    void shouldRefuseWhatIsNotATime() {
        assertNull(Timestamps.millis(null));
        assertNull(Timestamps.millis("yesterday"));
        assertNull(Timestamps.millis("2022-09-02T00:21:48.321Z".repeat(4)));
    }

    @Test
    void shouldKeepTheEdgesOfTheRange() {
        assertEquals(0L, Timestamps.millis("1970-01-01T00:00:00Z"));
        assertEquals(253402300799999L, Timestamps.millis("9999-12-31T23:59:59.999Z"));
    }
}
