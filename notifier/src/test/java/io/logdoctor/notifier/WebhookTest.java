package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic webhook against a local receiver that verifies the HMAC signature of every body. */
class WebhookTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private FakeEndpoint receiver;
    private final List<Duration> slept = new ArrayList<>();
    private Deliverer deliverer;

    @BeforeEach
    void start() throws Exception {
        receiver = DestinationFormats.webhook(SECRET);
        deliverer = TestDeliverers.recording(slept);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void shouldSendTheDiagnosisSignedWithTheSharedSecret() throws Exception {
        Webhook webhook = new Webhook("hooks", receiver.uri("/logdoctor"), SECRET);

        assertEquals(Retrier.Result.DELIVERED, deliverer.deliver(webhook, Diagnoses.firing("d-00000000000000000c01"), Transition.FIRE, () -> true));
        assertEquals(Retrier.Result.DELIVERED, deliverer.deliver(webhook, Diagnoses.resolved("d-00000000000000000c01"), Transition.RESOLVE, () -> true));

        List<FakeEndpoint.Received> got = receiver.received();
        assertEquals(List.of(), got.stream().flatMap(r -> r.violations().stream()).toList());
        assertEquals(List.of("firing", "resolved"), got.stream().map(r -> r.body().get("event").asText()).toList());
        assertEquals(Json.MAPPER.writeValueAsString(Diagnoses.firing("d-00000000000000000c01")), got.get(0).body().get("alert").toString(),
                "the record, whole");
        assertEquals("sha256=" + Webhook.hmacSha256Hex(SECRET, got.get(0).raw()), got.get(0).headers().get("x-logdoctor-signature"));
    }

    @Test
    void shouldForwardEvidenceRedacted() throws Exception {
        Diagnosis f = Diagnoses.firing("d-00000000000000000c05");
        Diagnosis leaky = new Diagnosis(f.schemaVersion(), f.id(), f.signature(), f.title(), f.severity(), f.status(), f.scope(),
                f.firstSeen(), f.lastSeen(), f.count(), List.of(new Diagnosis.Evidence("2022-09-02T00:21:48Z",
                "Authorization: Bearer abc123DEF456ghi789", "/var/log/pods/x/0.log", 1L, null)), f.cause(), f.remediation(), f.references(), null);

        deliverer.deliver(new Webhook("hooks", receiver.uri("/logdoctor"), SECRET), leaky, Transition.FIRE, () -> true);
        assertEquals("Authorization: Bearer [REDACTED]", receiver.bodies().get(0).at("/alert/evidence/0/line").asText());
    }

    @Test
    void shouldBeRefusedByAReceiverWithAnotherSecret() throws Exception {
        Webhook webhook = new Webhook("hooks", receiver.uri("/logdoctor"), "another-secret-another-secret-0000");

        assertEquals(Retrier.Result.REJECTED, deliverer.deliver(webhook, Diagnoses.firing("d-00000000000000000c02"), Transition.FIRE, () -> true));
        assertEquals(401, receiver.received().get(0).status());
    }

    @Test
    void shouldRetryTheSameSignedBytesAsToday() throws Exception {
        receiver.script(FakeEndpoint.Answer.of(503, "busy"));
        Webhook webhook = new Webhook("hooks", receiver.uri("/logdoctor"), SECRET);

        assertEquals(Retrier.Result.DELIVERED, deliverer.deliver(webhook, Diagnoses.firing("d-00000000000000000c03"), Transition.FIRE, () -> true));
        List<FakeEndpoint.Received> got = receiver.received();
        assertEquals(2, got.size());
        assertEquals(List.of(Duration.ofSeconds(1)), slept, "backoff, as for every destination");
        assertTrue(Arrays.equals(got.get(0).raw(), got.get(1).raw()), "the same bytes, so the same signature");
    }

    @Test
    void shouldSendNothingForARepeatOrAResolveOfWhatItNeverGot() throws Exception {
        Webhook webhook = new Webhook("hooks", receiver.uri("/logdoctor"), SECRET);

        deliverer.deliver(webhook, Diagnoses.firing("d-00000000000000000c04"), Transition.REPEAT, () -> true);
        deliverer.deliver(webhook, Diagnoses.resolved("d-00000000000000000c04"), Transition.RESOLVE_UNSEEN, () -> true);
        assertEquals(0, receiver.received().size());
    }
}
