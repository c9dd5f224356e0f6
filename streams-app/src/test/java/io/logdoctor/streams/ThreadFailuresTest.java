package io.logdoctor.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class ThreadFailuresTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ThreadFailures failures = new ThreadFailures(now::get);

    @Test
    void shouldCallAThreadThatKeepsFailingAProblemWithTheLastCause() {
        failures.record(new RuntimeException("wrapped", new ArithmeticException("long overflow")));
        failures.record(new IllegalStateException("again"));
        assertNull(failures.problem(), "two failures can be a blip");

        failures.record(new StreamsException(new ArithmeticException("long overflow")));

        assertEquals(3, failures.total());
        assertEquals("stream threads failed 3 times in the last 10 minutes (3 in all); last: java.lang.ArithmeticException: long overflow",
                failures.problem());
    }

    @Test
    void shouldForgetFailuresOlderThanTheWindow() {
        for (int i = 0; i < 3; i++) {
            failures.record(new IllegalStateException("boom " + i));
        }
        assertTrue(failures.problem() != null);

        now.addAndGet(ThreadFailures.WINDOW.toMillis() + 1);

        assertNull(failures.problem());
        assertEquals(3, failures.total(), "the metric still counts them");
    }
}
