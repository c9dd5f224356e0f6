package io.logdoctor.records;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Readiness from probe answers, on a clock the test moves: unready after 15 s of silence, one WARN a minute. */
class KafkaReachabilityTest {

    private long now = 1_000_000;
    private final List<String> warnings = new ArrayList<>();
    private final KafkaReachability kafka = new KafkaReachability("shipper", "k:9092", new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }, warnings::add, null);

    private void at(long seconds) {
        now = 1_000_000 + seconds * 1000;
    }

    @Test
    void shouldBeUnreadyUntilKafkaFirstAnswers() {
        kafka.failed("TimeoutException: timed out");
        assertEquals("Kafka at k:9092 has not answered yet (TimeoutException: timed out)", kafka.problem());
        kafka.answered();
        assertNull(kafka.problem());
    }

    @Test
    void shouldTurnUnreadyAfter15SilentSecondsAndWarnOnceAMinute() {
        kafka.answered();
        for (int s = 5; s < 15; s += 5) {
            at(s);
            kafka.failed("TimeoutException: timed out");
            assertNull(kafka.problem(), "a probe lost at " + s + " s is a blip");
        }
        assertEquals(List.of(), warnings);
        at(15);
        kafka.failed("TimeoutException: timed out");
        assertEquals("Kafka at k:9092 unreachable for 15 s (TimeoutException: timed out)", kafka.problem());
        assertEquals(List.of("shipper: Kafka at k:9092 unreachable for 15 s (TimeoutException: timed out); /readyz answers 503 "
                + "until it is back"), warnings);
        for (int s = 20; s < 75; s += 5) {
            at(s);
            kafka.failed("TimeoutException: timed out");
        }
        assertEquals(1, warnings.size(), "once a minute: " + warnings);
        at(75);
        kafka.failed("TimeoutException: timed out");
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(1).contains("unreachable for 75 s"), warnings.get(1));
        at(80);
        kafka.answered();
        assertNull(kafka.problem());
        at(94);
        kafka.failed("TimeoutException: timed out");
        assertNull(kafka.problem(), "back at 80 s: silent for 15 s again only at 95 s");
        at(95);
        assertTrue(kafka.problem() != null);
    }
}
