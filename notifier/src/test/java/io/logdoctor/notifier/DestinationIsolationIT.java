package io.logdoctor.notifier;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;

import io.logdoctor.records.HealthServer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import io.logdoctor.records.HttpOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One destination failing must not hold back another: on a real broker, Slack fails (a TLS
 * handshake error, or 500s) while PagerDuty, healthy, gets every trigger. Nothing is committed past
 * what Slack lacks, and after a restart Slack gets it all and PagerDuty nothing twice.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class DestinationIsolationIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
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
    }

    private NotifierConfig config(String prefix, String group, URI slackUri) {
        Route route = new Route("it", new Route.Match(Set.of(), Set.of(), List.of(prefix)),
                List.of(new SlackWebhook("sre", slackUri), new PagerDuty("oncall", PD_KEY, pagerDuty.uri("/v2/enqueue"))), false);
        return new NotifierConfig(topic.bootstrap(), group, Map.of(), List.of(route),
                new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(500), 3), Duration.ofSeconds(5));
    }

    @Test
    void shouldDeliverEverythingToPagerDutyWhileSlackFailsItsTlsHandshake() throws Exception {
        String group = "isolation-it-tls";
        TlsRefusingServer broken = new TlsRefusingServer();
        Map<TopicPartition, Long> first = new HashMap<>();
        Map<TopicPartition, Long> last = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            String id = "d-%020x".formatted(0xc000 + i);
            ids.add(id);
            RecordMetadata m = topic.produce(DiagnosesTopic.signature(Diagnoses.firing(id), "isolation-tls/ipamd-not-ready"));
            first.putIfAbsent(DiagnosesTopic.partition(m), m.offset());
            last.put(DiagnosesTopic.partition(m), m.offset());
        }

        try (Notifier notifier = Notifier.start(config("isolation-tls/", group, broken.uri("/services/T0/B0/tls")));
             HealthServer http = new HealthServer(0, "isolation-it-http", HttpOptions.defaults(), notifier::isRunning,
                     notifier.metricsRegistry())
                     .withReadiness(notifier::isReady, notifier::readinessDetail)) {
            await(() -> accepted(pagerDuty).containsAll(ids), "PagerDuty gets every trigger while Slack fails");
            await(() -> notifier.metrics().contains("logdoctor_notifier_destination_failing{destination=\"slack:sre\"} 1.0"), "Slack shown failing");
            assertTrue(notifier.metrics().contains("logdoctor_notifier_destination_failing{destination=\"pagerduty:oncall\"} 0.0"), notifier.metrics());
            HttpResponse<String> readyz = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, readyz.statusCode(), "one destination still delivers: " + readyz.body());
            assertTrue(readyz.body().contains("slack:sre: 30 queued, FAILING for"), readyz.body());
            assertTrue(readyz.body().contains("SSLHandshakeException"), "the TLS error is the reason: " + readyz.body());
            assertTrue(readyz.body().matches("(?s).*pagerduty:oncall: [01] queued, ok\n.*"), readyz.body());
            await(() -> first.keySet().stream().allMatch(tp -> topic.committed(group, tp) != null
                    && topic.committed(group, tp).metadata().contains("pagerduty%3Aoncall=" + (last.get(tp) + 1))), "PagerDuty's progress noted in the commit");
            for (TopicPartition tp : first.keySet()) {
                assertTrue(topic.committed(group, tp).offset() <= first.get(tp), "not committed past what Slack lacks on " + tp);
            }
        }
        broken.close();
        assertTrue(broken.handshakes() >= 3, "Slack was retried: " + broken.handshakes());
        assertEquals(30, pagerDuty.received().size(), "each trigger once");

        // Slack is fixed: after the restart it gets everything, and PagerDuty nothing a second time.
        try (Notifier notifier = Notifier.start(config("isolation-tls/", group, slack.uri("/services/T0/B0/tls")))) {
            await(() -> slack.accepted().size() == 30, "Slack gets all 30 after the restart");
            await(() -> first.keySet().stream().allMatch(tp -> topic.committed(group, tp) != null
                    && topic.committed(group, tp).offset() == last.get(tp) + 1), "committed to the end");
            assertTrue(notifier.isReady());
        }
        assertEquals(30, pagerDuty.received().size(), "no second trigger after the restart");
        assertEquals(30, slack.received().size(), "nor a second Slack message");
        assertEquals(List.of(), slack.received().stream().flatMap(r -> r.violations().stream()).toList());
    }

    @Test
    void shouldPauseReadingWhenAFailingDestinationsQueueIsFullAndCatchUpAfter() throws Exception {
        String group = "isolation-it-full";
        for (int i = 0; i < 40; i++) {
            slack.script(FakeEndpoint.Answer.of(500, "internal_error"));
        }
        Set<String> ids = new HashSet<>();
        Map<TopicPartition, Long> last = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            String id = "d-%020x".formatted(0xf000 + i);
            ids.add(id);
            RecordMetadata m = topic.produce(DiagnosesTopic.signature(Diagnoses.firing(id), "isolation-full/ipamd-not-ready"));
            last.put(DiagnosesTopic.partition(m), m.offset());
        }

        try (Notifier notifier = Notifier.start(config("isolation-full/", group, slack.uri("/services/T0/B0/full")), 4)) {
            await(() -> notifier.metrics().contains("logdoctor_notifier_reading_paused 1.0"), "reading paused with Slack's queue full");
            await(() -> accepted(pagerDuty).size() == 4, "PagerDuty gets what was read before the pause");
            assertTrue(notifier.metrics().contains("logdoctor_notifier_reading_paused 1.0"), "still paused: Slack keeps failing");
            assertTrue(!notifier.isReady(), notifier.readinessDetail());
            assertEquals(4, accepted(pagerDuty).size(), "nothing more is read while paused");
            await(() -> slack.accepted().size() == 12 && accepted(pagerDuty).equals(ids), "both get everything once Slack recovers");
            await(() -> last.keySet().stream().allMatch(tp -> topic.committed(group, tp) != null
                    && topic.committed(group, tp).offset() == last.get(tp) + 1), "committed to the end");
            await(notifier::isReady, "ready again");
        }
        assertEquals(12, pagerDuty.received().size(), "each trigger once");
    }

    /** The dedup keys PagerDuty accepted, as a set: a repeat shows in received().size(). */
    private static Set<String> accepted(FakeEndpoint endpoint) {
        Set<String> out = new HashSet<>();
        endpoint.accepted().forEach(b -> out.add(b.get("dedup_key").asText()));
        return out;
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        DiagnosesTopic.await(condition, DEADLINE, what, () -> "slack " + slack.received().size() + ", pagerduty " + pagerDuty.received().size());
    }
}
