package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delivery against real local HTTP servers, with the waits recorded instead of slept. */
class DelivererTest {

    private FakeEndpoint slack;
    private FakeEndpoint pagerDuty;
    private final List<Duration> slept = new ArrayList<>();
    private Deliverer deliverer;
    private final NotifierMetrics metrics = new NotifierMetrics();

    @BeforeEach
    void start() throws Exception {
        slack = FakeEndpoint.slack();
        pagerDuty = FakeEndpoint.pagerDuty();
        Retrier retrier = new Retrier(new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(1), 5), slept::add, Clock.systemUTC(), () -> 0.0);
        deliverer = new Deliverer(new HttpPoster(Duration.ofSeconds(2)), retrier, metrics);
    }

    @AfterEach
    void stop() {
        slack.close();
        pagerDuty.close();
    }

    private SlackWebhook slackDestination() {
        return new SlackWebhook("sre", slack.uri("/services/T000/B000/XXXX"));
    }

    private PagerDuty pagerDutyDestination() {
        return new PagerDuty("oncall", "R0123456789abcdef0123456789abcdef", pagerDuty.uri("/v2/enqueue"));
    }

    @Test
    void shouldHonourRetryAfterOn429() throws Exception {
        slack.script(new FakeEndpoint.Answer(429, "rate_limited", Map.of("Retry-After", "3")));

        Retrier.Result result = deliverer.deliver(slackDestination(), Diagnoses.firing("d-00000000000000000021"), Transition.FIRE, () -> true);

        assertEquals(Retrier.Result.DELIVERED, result);
        assertEquals(List.of(Duration.ofSeconds(3)), slept);
        assertEquals(2, slack.received().size());
        assertEquals(slack.bodies().get(0), slack.bodies().get(1), "the same message again");
        assertEquals(List.of(), slack.received().get(1).violations());
    }

    @Test
    void shouldRetryServerErrorsWithBackoff() throws Exception {
        pagerDuty.script(FakeEndpoint.Answer.of(500, "{}"), FakeEndpoint.Answer.of(502, "bad gateway"));

        Retrier.Result result = deliverer.deliver(pagerDutyDestination(), Diagnoses.firing("d-00000000000000000022"), Transition.FIRE, () -> true);

        assertEquals(Retrier.Result.DELIVERED, result);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), slept);
        assertEquals(3, pagerDuty.received().size());
        pagerDuty.received().forEach(r -> assertEquals(List.of(), r.violations()));
        assertEquals("/v2/enqueue", pagerDuty.received().get(0).path());
    }

    @Test
    void shouldGiveUpOnARejectionWithoutWaiting() throws Exception {
        pagerDuty.script(FakeEndpoint.Answer.of(400, "{\"status\":\"invalid event\"}"));

        Retrier.Result result = deliverer.deliver(pagerDutyDestination(), Diagnoses.resolved("d-00000000000000000023"), Transition.RESOLVE, () -> true);

        assertEquals(Retrier.Result.REJECTED, result);
        assertEquals(List.of(), slept);
    }

    @Test
    void shouldSendNothingForARepeat() throws Exception {
        Retrier.Result result = deliverer.deliver(slackDestination(), Diagnoses.firing("d-00000000000000000024"), Transition.REPEAT, () -> true);

        assertEquals(Retrier.Result.DELIVERED, result);
        assertEquals(0, slack.received().size());
    }

    @Test
    void shouldCountDeliveriesForTheMetricsEndpoint() throws Exception {
        Diagnosis d = Diagnoses.firing("d-0123456789abcdef0123");
        deliverer.deliver(slackDestination(), d, Transition.FIRE, () -> true);

        assertTrue(metrics.render().contains("logdoctor_notifier_deliveries_total{destination=\"slack\",result=\"delivered\"} 1.0"),
                metrics.render());
    }
}
