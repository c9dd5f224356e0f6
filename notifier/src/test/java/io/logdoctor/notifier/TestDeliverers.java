package io.logdoctor.notifier;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Deliverers for tests: real HTTP, 2 s backoff without jitter, and the waits recorded instead of slept. */
final class TestDeliverers {

    private TestDeliverers() {
    }

    static Deliverer recording(List<Duration> slept) {
        return new Deliverer(new HttpPoster(Duration.ofSeconds(5)),
                new Retrier(new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(1), 5), slept::add, Clock.systemUTC(), () -> 0.0),
                new NotifierMetrics());
    }

    static Deliverer withoutWaiting() {
        return recording(new ArrayList<>());
    }
}
