package io.logdoctor.notifier;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DestinationHealthTest {

    private final DestinationHealth health = new DestinationHealth(3, Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void shouldBeFailingFromTheThresholdInARowUntilTheEndpointAnswers() {
        health.record(new Outcome.Retry("HTTP 503: unavailable", null));
        health.record(new Outcome.Retry("HTTP 503: unavailable", null));
        assertFalse(health.failing(), "two failures are a blip");
        assertEquals("retrying for 0 s (2 attempts): HTTP 503: unavailable", health.describe());

        health.record(new Outcome.Retry("SSLHandshakeException: Received fatal alert: handshake_failure", null));
        assertTrue(health.failing());
        assertEquals("FAILING for 0 s (3 attempts): SSLHandshakeException: Received fatal alert: handshake_failure", health.describe());

        health.record(new Outcome.Rejected("HTTP 400: invalid_payload"));
        assertFalse(health.failing(), "a refusal is an answer: the endpoint is reachable");
        assertEquals("ok", health.describe());
    }
}
