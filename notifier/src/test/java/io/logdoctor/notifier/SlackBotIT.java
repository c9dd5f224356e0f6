package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.Diagnosis;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Slack in bot-token mode on a real broker, against a local server speaking the Web API's
 * chat.postMessage and chat.update: one message per diagnosis, refined in its thread, updated to
 * RESOLVED across a restart of the notifier, and never posted twice for a firing read again.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class SlackBotIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String TOKEN = "xoxb-0000-0000-test";
    private static final String TS = "1700000000.000100";

    private DiagnosesTopic topic;
    private FakeEndpoint slack;

    @BeforeEach
    void setUp(EmbeddedKafka kafka) throws Exception {
        topic = DiagnosesTopic.on(kafka.bootstrapServers());
        slack = webApi();
    }

    @AfterEach
    void tearDown() {
        slack.close();
    }

    /** chat.postMessage and chat.update: the bot token, a channel, valid Block Kit; update needs the ts. */
    private static FakeEndpoint webApi() throws IOException {
        return new FakeEndpoint((path, query, headers, raw, body) -> {
            List<String> v = new ArrayList<>(Formats.slackViolations(body));
            if (!("Bearer " + TOKEN).equals(headers.get("authorization"))) {
                v.add("not_authed");
            }
            if (!path.equals("/api/chat.postMessage") && !path.equals("/api/chat.update")) {
                v.add("unknown_method " + path);
            }
            if (!body.path("channel").isTextual()) {
                v.add("channel_not_found");
            }
            if (path.equals("/api/chat.update") && !body.path("ts").isTextual()) {
                v.add("message_not_found: an update needs the ts");
            }
            return v;
        }, FakeEndpoint.Answer.of(200, "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"" + TS + "\",\"message\":{}}"),
                v -> FakeEndpoint.Answer.of(200, "{\"ok\":false,\"error\":\"" + v.get(0) + "\"}"));
    }

    private NotifierConfig config(String prefix, String group) {
        SlackBot bot = new SlackBot("sre", TOKEN, "C0123456789", slack.uri("/api/"));
        Route route = new Route("it", new Route.Match(Set.of(), Set.of(), List.of(prefix)), List.of(bot), false);
        return new NotifierConfig(topic.bootstrap(), group, Map.of(), List.of(route),
                new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 3), Duration.ofSeconds(5));
    }

    @Test
    void shouldPostOnceRefineInTheThreadAndUpdateTheSameMessageAfterARestart() throws Exception {
        String group = "slackbot-it-" + UUID.randomUUID();
        String id = "d-00000000000000000b07";
        Diagnosis firing = DiagnosesTopic.signature(Diagnoses.firing(id), "it-slackbot/ipamd-not-ready");

        RecordMetadata first = topic.produce(firing);
        try (Notifier notifier = Notifier.start(config("it-slackbot/", group))) {
            await(() -> slack.accepted().size() == 1, "posted");
            await(() -> topic.committedOffset(group, DiagnosesTopic.partition(first)) == first.offset() + 1, "committed");
        }

        // Another notifier (a restart): it knows the message only through the store's topic.
        RecordMetadata last;
        try (Notifier notifier = Notifier.start(config("it-slackbot/", group))) {
            topic.produce(Diagnoses.with(firing, Diagnosis.FIRING, "it-slackbot/ipv4-permission-denied"));
            last = topic.produce(Diagnoses.with(firing, Diagnosis.RESOLVED, "it-slackbot/ipv4-permission-denied"));
            await(() -> slack.accepted().size() == 3, "refined and resolved");
            await(() -> topic.committedOffset(group, DiagnosesTopic.partition(last)) == last.offset() + 1, "all committed");
        }

        List<FakeEndpoint.Received> got = slack.received();
        assertEquals(List.of(), got.stream().flatMap(r -> r.violations().stream()).toList());
        assertEquals(List.of("/api/chat.postMessage", "/api/chat.postMessage", "/api/chat.update"),
                got.stream().map(FakeEndpoint.Received::path).toList());
        assertFalse(got.get(0).body().has("thread_ts"), "the firing is a message of its own");
        assertEquals(TS, got.get(1).body().path("thread_ts").asText(), "the refinement goes in its thread");
        assertEquals(TS, got.get(2).body().path("ts").asText(), "the resolve updates that message");
        assertEquals("✅ RESOLVED · aws-node keeps waiting for ipamd; the node never gets pod IPs",
                got.get(2).body().at("/blocks/0/text/text").asText());
    }

    @Test
    void shouldNotPostAgainAFiringAlreadyRecordedBeforeACrash() throws Exception {
        String group = "slackbot-it-" + UUID.randomUUID();
        String id = "d-00000000000000000b08";
        // The state a crash leaves when it strikes after the post was recorded and before the commit.
        try (SlackMessageStore store = new SlackMessageStore(topic.bootstrap(), Map.of())) {
            store.put("sre/" + id, new SlackMessageStore.Posted("C0123456789", "1699999999.000001", Diagnoses.firing(id).firstSeen()));
        }
        Diagnosis firing = DiagnosesTopic.signature(Diagnoses.firing(id), "it-slackbot-crash/ipamd-not-ready");

        topic.produce(firing);
        RecordMetadata resolved = topic.produce(Diagnoses.with(firing, Diagnosis.RESOLVED, null));
        try (Notifier notifier = Notifier.start(config("it-slackbot-crash/", group))) {
            await(() -> topic.committedOffset(group, DiagnosesTopic.partition(resolved)) == resolved.offset() + 1, "committed");
        }

        List<JsonNode> bodies = slack.accepted();
        assertEquals(1, bodies.size(), "no second post of the firing, only the resolve: " + bodies);
        assertEquals("1699999999.000001", bodies.get(0).path("ts").asText());
    }

    @Test
    void shouldPostANewEpisodeEvenWhenAnOldMessageWasNeverResolved() throws Exception {
        String group = "slackbot-it-" + UUID.randomUUID();
        String id = "d-00000000000000000b09";
        // An earlier episode's message whose resolve Slack refused (message_not_found): its entry stayed.
        try (SlackMessageStore store = new SlackMessageStore(topic.bootstrap(), Map.of())) {
            store.put("sre/" + id, new SlackMessageStore.Posted("C0123456789", "1600000000.000001", "2020-01-01T00:00:00Z"));
        }
        RecordMetadata firing = topic.produce(DiagnosesTopic.signature(Diagnoses.firing(id), "it-slackbot-episode/ipamd-not-ready"));
        try (Notifier notifier = Notifier.start(config("it-slackbot-episode/", group))) {
            await(() -> topic.committedOffset(group, DiagnosesTopic.partition(firing)) == firing.offset() + 1, "committed");
        }

        assertEquals(List.of("/api/chat.postMessage"), slack.received().stream().map(FakeEndpoint.Received::path).toList());
        assertFalse(slack.received().get(0).body().has("ts"), "a new message, not an update of the old one");
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        DiagnosesTopic.await(condition, DEADLINE, what, () -> "slack " + slack.received().size() + " requests");
    }
}
