package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.Diagnosis;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notifier on a real broker against two real local HTTP servers standing in for Slack and
 * PagerDuty, each checking every body against the documented format. Each test routes only its own
 * signature prefix and uses its own group, so tests sharing the broker and topic stay apart.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class NotifierIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String PD_KEY = "R0123456789abcdef0123456789abcdef";

    private DiagnosesTopic topic;
    private FakeEndpoint slack;
    private FakeEndpoint pagerDuty;

    @BeforeEach
    void setUp(EmbeddedKafka kafka) throws Exception {
        topic = DiagnosesTopic.on(kafka.bootstrapServers());
        slack = FakeEndpoint.slack();
        pagerDuty = FakeEndpoint.pagerDuty();
    }

    @AfterEach
    void tearDown() {
        slack.close();
        pagerDuty.close();
        assertEquals(List.of(), slack.received().stream().flatMap(r -> r.violations().stream()).toList(), "Slack bodies follow Block Kit");
        assertEquals(List.of(), pagerDuty.received().stream().flatMap(r -> r.violations().stream()).toList(), "PagerDuty bodies follow Events API v2");
    }

    private NotifierConfig config(String prefix, String group) {
        Route route = new Route("it", new Route.Match(Set.of(), Set.of(), List.of(prefix)),
                List.of(new SlackWebhook("sre", slack.uri("/services/T0/B0/it")),
                        new PagerDuty("oncall", PD_KEY, pagerDuty.uri("/v2/enqueue"))), false);
        return new NotifierConfig(topic.bootstrap(), group, Map.of(), List.of(route),
                new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 3), Duration.ofSeconds(5));
    }

    @Test
    void shouldSendEachStateOnceAndNeverTriggerTwiceAcrossARestart() throws Exception {
        String group = "notifier-it-lifecycle";
        String id = "d-00000000000000000a01";
        Diagnosis firing = DiagnosesTopic.signature(Diagnoses.firing(id), "it-lifecycle/ipamd-not-ready");
        slack.script(new FakeEndpoint.Answer(429, "rate_limited", Map.of("Retry-After", "1")));
        pagerDuty.script(FakeEndpoint.Answer.of(500, "{\"status\":\"error\"}"));

        RecordMetadata first = topic.produce(firing);
        TopicPartition tp = DiagnosesTopic.partition(first);
        try (Notifier notifier = Notifier.start(config("it-lifecycle/", group))) {
            assertTrue(notifier.isRunning());
            await(() -> accepted(slack) == 1 && accepted(pagerDuty) == 1, "firing delivered to both");
            await(() -> topic.committedOffset(group, tp) == first.offset() + 1, "offset committed after delivery");
        }
        List<FakeEndpoint.Received> slackTries = slack.received();
        assertEquals(2, slackTries.size(), "429, then the retry");
        assertTrue(slackTries.get(1).nanoTime() - slackTries.get(0).nanoTime() >= Duration.ofMillis(950).toNanos(), "Retry-After: 1 honoured");
        assertEquals(2, pagerDuty.received().size(), "500, then the retry");

        // A restart rebuilds what was triggered from the topic: the same firing record again (a
        // repeat-interval update) sends nothing; a refinement updates; the resolve resolves.
        Diagnosis refined = Diagnoses.with(firing, Diagnosis.FIRING, "it-lifecycle/ipv4-permission-denied");
        try (Notifier notifier = Notifier.start(config("it-lifecycle/", group))) {
            assertTrue(notifier.isRunning());
            topic.produce(firing);
            topic.produce(refined);
            RecordMetadata last = topic.produce(Diagnoses.with(firing, Diagnosis.RESOLVED, "it-lifecycle/ipv4-permission-denied"));
            await(() -> pagerDuty.bodies().stream().anyMatch(b -> b.path("event_action").asText().equals("resolve")), "resolve sent");
            await(() -> topic.committedOffset(group, tp) == last.offset() + 1, "all committed");
        }

        List<JsonNode> events = pagerDuty.accepted();
        assertEquals(List.of("trigger", "trigger", "resolve"), events.stream().map(e -> e.get("event_action").asText()).toList());
        assertTrue(events.stream().allMatch(e -> e.get("dedup_key").asText().equals(id)), "one dedup_key throughout");
        assertEquals("it-lifecycle/ipv4-permission-denied", events.get(1).at("/payload/custom_details/refinedBy").asText(),
                "the second trigger is the refinement, not the repeat");
        List<String> headers = slack.accepted().stream().map(m -> m.at("/blocks/0/text/text").asText()).toList();
        assertEquals(3, headers.size(), "one Slack message per state: " + headers);
        assertTrue(headers.get(0).startsWith("🔴 FIRING"), headers.get(0));
        assertTrue(headers.get(1).startsWith("🔎 REFINED"), headers.get(1));
        assertTrue(headers.get(2).startsWith("✅ RESOLVED"), headers.get(2));
    }

    @Test
    void shouldNotCommitUntilDeliveredAndDeliverAfterARestart() throws Exception {
        String group = "notifier-it-uncommitted";
        String id = "d-00000000000000000b01";
        for (int i = 0; i < 50; i++) {
            pagerDuty.script(FakeEndpoint.Answer.of(503, "unavailable"));
        }

        RecordMetadata record = topic.produce(DiagnosesTopic.signature(Diagnoses.firing(id), "it-uncommitted/ipamd-not-ready"));
        try (Notifier notifier = Notifier.start(config("it-uncommitted/", group))) {
            await(() -> pagerDuty.received().size() >= 4, "PagerDuty retried");
            assertTrue(notifier.isRunning());
        }
        assertTrue(topic.committedOffset(group, DiagnosesTopic.partition(record)) <= record.offset(), "not committed while PagerDuty failed");

        pagerDuty.close();
        pagerDuty = FakeEndpoint.pagerDuty();
        try (Notifier notifier = Notifier.start(config("it-uncommitted/", group))) {
            assertTrue(notifier.isRunning());
            await(() -> accepted(pagerDuty) == 1, "delivered after the restart");
            await(() -> topic.committedOffset(group, DiagnosesTopic.partition(record)) == record.offset() + 1, "committed once delivered");
        }
        assertEquals(1, pagerDuty.received().size(), "one trigger, no repeat");
        assertEquals("trigger", pagerDuty.bodies().get(0).get("event_action").asText());
        assertEquals(id, pagerDuty.bodies().get(0).get("dedup_key").asText());
    }

    private static int accepted(FakeEndpoint endpoint) {
        return endpoint.accepted().size();
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        DiagnosesTopic.await(condition, DEADLINE, what, () -> "slack " + slack.received().size() + ", pagerduty " + pagerDuty.received().size());
    }
}
