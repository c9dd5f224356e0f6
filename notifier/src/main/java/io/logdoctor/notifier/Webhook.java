package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdoctor.records.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * A generic webhook: the record as JSON ({@code {"event":"firing","alert":{...the diagnosis...}}}) on
 * each firing, refinement and resolve, signed so the receiver can tell it came from us and was not
 * changed: {@code X-Logdoctor-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes>} with the shared
 * secret (the scheme GitHub's webhooks use). Retried as every destination is: 408, 429 and 5xx again,
 * other 4xx are final. A receiver deduplicates on {@code alert.id} and {@code event}.
 */
public record Webhook(String name, URI url, String secret) implements Destination {

    static final String KIND = "webhook";
    static final String SIGNATURE_HEADER = "X-Logdoctor-Signature";
    static final Webhook EXAMPLE = new Webhook("preview", URI.create("https://example.com/logdoctor"), "<secret>");
    /** Shorter secrets are guessable; 32 hex characters (128 bits) is the floor. */
    static final int SECRET_MIN = 32;

    static Webhook parse(String name, DestinationConfig c) {
        c.allowOnly("url", "secret");
        String secret = c.text("secret");
        if (secret.length() < SECRET_MIN) {
            throw c.failure("secret", "must be at least " + SECRET_MIN + " characters (openssl rand -hex 16); was " + secret.length());
        }
        return new Webhook(name, c.httpUri("url"), secret);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Request request(Alert alert, Transition t) {
        String event = switch (t) {
            case FIRE -> "firing";
            case REFINE -> "refined";
            case RESOLVE -> "resolved";
            case REPEAT, RESOLVE_UNSEEN, NONE -> null;
        };
        if (event == null) {
            return null;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("version", 1);
        body.put("event", event);
        body.put("id", alert.id());
        body.set("alert", alert.record());
        Request request = Request.post(url, body);
        return request.withHeader(SIGNATURE_HEADER, "sha256=" + hmacSha256Hex(secret, request.body()));
    }

    static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return KIND + ":" + name;
    }
}
