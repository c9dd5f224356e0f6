package io.logdoctor.notifier;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetrierTest {

    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 3);
    private final List<Duration> slept = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    private Retrier retrier(double random) {
        return new Retrier(POLICY, slept::add, clock, () -> random);
    }

    private static Retrier.Attempt script(Outcome... outcomes) {
        Deque<Outcome> queue = new ArrayDeque<>(List.of(outcomes));
        return queue::poll;
    }

    @Test
    void shouldBackOffExponentiallyWithJitterUpToTheCap() {
        Retrier lowest = retrier(0.0);
        Retrier highest = retrier(0.999999);

        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 15000L, 15000L),
                List.of(1, 2, 3, 4, 5, 6, 60).stream().map(n -> lowest.delay(n, null).toMillis()).toList());
        assertEquals(List.of(999L, 1999L, 3999L, 29999L),
                List.of(1, 2, 3, 6).stream().map(n -> highest.delay(n, null).toMillis()).toList());
    }

    @Test
    void shouldWaitExactlyWhatRetryAfterSaysOn429() throws Exception {
        Retrier.Result result = retrier(0.5).run("test", script(
                new Outcome.Retry("HTTP 429", Duration.ofSeconds(7)), new Outcome.Retry("HTTP 429", Duration.ofSeconds(90)),
                new Outcome.Delivered(200)), () -> true);

        assertEquals(Retrier.Result.DELIVERED, result);
        assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(90)), slept, "Retry-After wins over the backoff cap");
    }

    @Test
    void shouldRetryServerErrorsUntilDeliveredAndNeverGiveUp() throws Exception {
        List<Outcome> failures = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            failures.add(new Outcome.Retry("HTTP 500: rollup_error", null));
        }
        failures.add(new Outcome.Delivered(202));

        Retrier.Result result = retrier(0.0).run("test", script(failures.toArray(Outcome[]::new)), () -> true);

        assertEquals(Retrier.Result.DELIVERED, result);
        assertEquals(25, slept.size());
        assertEquals(Duration.ofSeconds(15), slept.get(24), "capped: half fixed, half jitter of 30 s");
    }

    @Test
    void shouldNotRetryARejectedRequest() throws Exception {
        Retrier.Result result = retrier(0.0).run("test", script(new Outcome.Rejected("HTTP 400: invalid_payload")), () -> true);

        assertEquals(Retrier.Result.REJECTED, result);
        assertEquals(List.of(), slept);
    }

    @Test
    void shouldAbandonWhenThePartitionIsNoLongerOurs() throws Exception {
        int[] checks = {0};

        Retrier.Result result = retrier(0.0).run("test", script(new Outcome.Retry("a", null), new Outcome.Retry("b", null),
                new Outcome.Delivered(200)), () -> ++checks[0] <= 2);

        assertEquals(Retrier.Result.ABORTED, result);
        assertEquals(2, slept.size());
    }
}
