package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Each kind reads its own part of the routes file through the registration; errors name the key. */
class DestinationKindsTest {

    private static final String ROUTES = """
            destinations:
              am:
                alertmanager: {url: "http://alertmanager:9093", labels: {team: platform}, generatorUrl: "http://streams:8080/diagnoses", holdFor: 3h}
              hooks:
                webhook: {url: "https://example.com/hook", secret: "${HOOK_SECRET}"}
              channel:
                teams: {webhookUrl: "https://prod-00.westeurope.logic.azure.com/workflows/1/triggers/manual/paths/invoke"}
              ops:
                opsgenie: {apiKey: "${OPSGENIE_KEY}", url: "https://api.eu.opsgenie.com"}
            routes:
              - to: [am, hooks, channel, ops]
            """;
    private static final Map<String, String> ENV = Map.of("HOOK_SECRET", "0123456789abcdef0123456789abcdef", "OPSGENIE_KEY", "k-1");

    @TempDir
    Path dir;

    private NotifierConfig load(String yaml) throws IOException {
        return RoutesFiles.load(dir, yaml, ENV);
    }

    private String error(String yaml) {
        return RoutesFiles.error(dir, yaml, ENV);
    }

    @Test
    void shouldReadEveryKindFromItsOwnSettings() throws Exception {
        List<Destination> to = load(ROUTES).routes().get(0).to();

        assertEquals(new Alertmanager("am", URI.create("http://alertmanager:9093"), Map.of("team", "platform"), "http://streams:8080/diagnoses",
                Duration.ofHours(3), Clock.systemUTC()), to.get(0));
        assertEquals(new Webhook("hooks", URI.create("https://example.com/hook"), "0123456789abcdef0123456789abcdef"), to.get(1));
        assertEquals(new Teams("channel", URI.create("https://prod-00.westeurope.logic.azure.com/workflows/1/triggers/manual/paths/invoke")), to.get(2));
        assertEquals(new Opsgenie("ops", "k-1", URI.create("https://api.eu.opsgenie.com")), to.get(3));
        assertEquals(List.of("alertmanager:am", "webhook:hooks", "teams:channel", "opsgenie:ops"), to.stream().map(Object::toString).toList(),
                "the names that key progress in the commit metadata");
    }

    @Test
    void shouldNameTheKeyAndTheValueOfEachMistake() {
        assertEquals("destinations.x.jira: unknown key; expected one of slack, pagerduty, alertmanager, webhook, teams, opsgenie, slackBot",
                error("destinations:\n  x:\n    jira: {url: http://j}\nroutes:\n  - to: x\n"));
        assertEquals("destinations.hooks.webhook.secret: must be at least 32 characters (openssl rand -hex 16); was 6",
                error(ROUTES.replace("\"${HOOK_SECRET}\"", "short1")));
        assertEquals("destinations.am.alertmanager.labels.team-name: not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)",
                error(ROUTES.replace("team: platform", "team-name: platform")));
        assertEquals("destinations.am.alertmanager.holdFor: must be a duration such as 500ms, 10s, 5m or 1h; was 'forever'",
                error(ROUTES.replace("holdFor: 3h", "holdFor: forever")));
        assertEquals("destinations.bot.slackBot.token: must be a bot token (xoxb-...); a user or app token cannot post as the bot",
                error("destinations:\n  bot:\n    slackBot: {token: xoxp-1, channel: C1}\nroutes:\n  - to: bot\n"));
        assertEquals("destinations.ops.opsgenie.region: unknown key; expected one of apiKey, url",
                error(ROUTES.replace("url: \"https://api.eu.opsgenie.com\"", "region: eu")));
    }

    @Test
    void shouldKeepAnAlertmanagerAlertActiveAcrossRepeatsAndEndItOnResolve() throws Exception {
        Instant now = Instant.parse("2026-01-05T10:00:00Z");
        Alertmanager am = new Alertmanager("am", URI.create("http://am:9093"), Map.of(), null, Duration.ofHours(2), Clock.fixed(now, ZoneOffset.UTC));
        Alert firing = Alert.of(Diagnoses.firing("d-00000000000000000f01"));

        JsonNode repeat = Json.MAPPER.readTree(am.request(firing, Transition.REPEAT).body()).get(0);
        JsonNode resolve = Json.MAPPER.readTree(am.request(Alert.of(Diagnoses.resolved("d-00000000000000000f01")), Transition.RESOLVE).body()).get(0);

        assertEquals("2026-01-05T12:00:00Z", repeat.get("endsAt").asText(), "held for holdFor past the last word");
        assertEquals("2022-09-02T00:21:48.321Z", repeat.get("startsAt").asText());
        assertEquals("2026-01-05T10:00:00Z", resolve.get("endsAt").asText());
        assertEquals(repeat.get("labels"), resolve.get("labels"), "the same label set, so the same alert");
        assertEquals(URI.create("http://am:9093/api/v2/alerts"), am.request(firing, Transition.FIRE).uri());
        assertNull(am.request(firing, Transition.NONE));
    }
}
