package io.logdoctor.records;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimestampsTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-06T08:00:00Z");

    @Test
    void shouldKeepValidTimesAsWritten() {
        for (String ts : new String[] {"2022-09-02T00:21:48.321456789Z", "2022-09-02T02:21:48+02:00", "1970-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "2022-09-02t00:21:48z"}) {
            assertEquals(new Timestamps.Checked(ts, false), Timestamps.check(ts, RECEIVED), ts);
        }
        assertEquals(new Timestamps.Checked(null, false), Timestamps.check(null, RECEIVED));
    }

    @Test
    void shouldReplaceOutOfRangeAndUnreadableTimesByTheReceiveTime() {
        for (String ts : new String[] {"+999999999-12-31T23:59:59.999999999+18:00", "-999999999-01-01T00:00:00-18:00",
                "1969-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "9999-12-31T23:00:00-01:00",
                "yesterday", "", "2022-09-02 00:21:48", Instant.ofEpochMilli(Long.MAX_VALUE).toString(),
                Instant.ofEpochMilli(-1).toString(), "2".repeat(100)}) {
            assertEquals(new Timestamps.Checked("2026-12-06T08:00:00Z", true), Timestamps.check(ts, RECEIVED), ts);
            assertNull(Timestamps.parse(ts), ts);
        }
    }

    @Test
    void shouldFlagTheRecordWhoseTimeWasReplaced() {
        LogRecord bad = new LogRecord("+999999999-12-31T23:59:59.999999999+18:00", LogRecord.SOURCE_LAMBDA, null, null, null, null,
                null, null, "/aws/lambda/f", "s", "f", null, "line", null, null, "d", null);
        LogRecord checked = bad.withCheckedTs(RECEIVED);
        assertEquals("2026-12-06T08:00:00Z", checked.ts());
        assertTrue(checked.tsInvalid());
        assertEquals("line", checked.line());
        LogRecord good = checked.withCheckedTs(RECEIVED.plusSeconds(5));
        assertSame(checked, good);
        assertFalse(Timestamps.inRange(Instant.MAX));
    }
}
