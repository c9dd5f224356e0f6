package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The documented request formats of the newer destination kinds, as local servers that check every
 * request and answer as the real service does: a generic webhook verifying our HMAC signature, a Teams
 * Workflows webhook (a message with one Adaptive Card attachment), and Opsgenie's Alert API
 * (docs.opsgenie.com/docs/alert-api: GenieKey auth, create with message/alias/priority, close by alias).
 */
final class DestinationFormats {

    private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");
    private static final Set<String> CARD_ELEMENTS = Set.of("TextBlock", "FactSet");

    private DestinationFormats() {
    }

    /** A receiver that accepts only bodies signed with {@code secret}; 401 otherwise, as receivers should. */
    static FakeEndpoint webhook(String secret) throws IOException {
        return new FakeEndpoint((path, query, headers, raw, body) -> {
            List<String> v = new ArrayList<>();
            String expected = "sha256=" + Webhook.hmacSha256Hex(secret, raw);
            if (!expected.equals(headers.get("x-logdoctor-signature"))) {
                v.add("X-Logdoctor-Signature: expected " + expected + "; was " + headers.get("x-logdoctor-signature"));
            }
            if (!Set.of("firing", "refined", "resolved").contains(body.path("event").asText())) {
                v.add("event: firing, refined or resolved; was " + body.path("event"));
            }
            if (!body.path("alert").path("id").isTextual() || !body.path("id").equals(body.path("alert").path("id"))) {
                v.add("id and alert.id: the same diagnosis id");
            }
            return v;
        }, FakeEndpoint.Answer.of(204, ""), v -> FakeEndpoint.Answer.of(401, "bad signature"));
    }

    /** A Workflows "when a Teams webhook request is received" trigger: 202 Accepted, 400 for a body it cannot post. */
    static FakeEndpoint teams() throws IOException {
        return new FakeEndpoint((path, query, headers, raw, body) -> teamsViolations(raw, body),
                FakeEndpoint.Answer.of(202, ""), v -> FakeEndpoint.Answer.of(400, "{\"error\":{\"code\":\"InvalidRequestContent\"}}"));
    }

    static List<String> teamsViolations(byte[] raw, JsonNode m) {
        List<String> v = new ArrayList<>();
        if (!"message".equals(m.path("type").asText())) {
            v.add("type: message; was " + m.path("type"));
        }
        JsonNode attachments = m.path("attachments");
        if (!attachments.isArray() || attachments.size() != 1) {
            v.add("attachments: exactly one card");
            return v;
        }
        JsonNode a = attachments.get(0);
        if (!"application/vnd.microsoft.card.adaptive".equals(a.path("contentType").asText())) {
            v.add("attachments[0].contentType: Workflows take Adaptive Cards only; was " + a.path("contentType"));
        }
        JsonNode card = a.path("content");
        if (!"AdaptiveCard".equals(card.path("type").asText()) || !card.path("version").isTextual()) {
            v.add("content: an AdaptiveCard with a version");
        }
        JsonNode body = card.path("body");
        if (!body.isArray() || body.isEmpty()) {
            v.add("content.body: at least one element");
        }
        for (int i = 0; i < body.size(); i++) {
            JsonNode e = body.get(i);
            String type = e.path("type").asText();
            if (!CARD_ELEMENTS.contains(type)) {
                v.add("body[" + i + "].type: unexpected '" + type + "'");
            } else if (type.equals("TextBlock") && e.path("text").asText().isEmpty()) {
                v.add("body[" + i + "].text: a TextBlock needs text");
            } else if (type.equals("FactSet")) {
                for (JsonNode f : e.path("facts")) {
                    if (!f.path("title").isTextual() || !f.path("value").isTextual()) {
                        v.add("body[" + i + "].facts[]: title and value strings");
                    }
                }
            }
        }
        for (JsonNode action : card.path("actions")) {
            if (!"Action.OpenUrl".equals(action.path("type").asText()) || !action.path("url").asText().startsWith("http")) {
                v.add("actions[]: Action.OpenUrl with a url");
            }
        }
        if (raw.length > 28 * 1024) {
            v.add("message larger than Teams' 28 KB");
        }
        return v;
    }

    /** Opsgenie's Alert API: 202 {"result":"Request will be processed"}; 422 for an invalid create, 401 without a key. */
    static FakeEndpoint opsgenie(String apiKey) throws IOException {
        return new FakeEndpoint((path, query, headers, raw, body) -> opsgenieViolations(apiKey, path, query, headers, body),
                FakeEndpoint.Answer.of(202, "{\"result\":\"Request will be processed\",\"took\":0.1,\"requestId\":\"r-1\"}"),
                v -> FakeEndpoint.Answer.of(422, "{\"message\":\"" + v.get(0).replace("\"", "'") + "\"}"));
    }

    static List<String> opsgenieViolations(String apiKey, String path, String query, Map<String, String> headers, JsonNode b) {
        List<String> v = new ArrayList<>();
        if (!("GenieKey " + apiKey).equals(headers.get("authorization"))) {
            v.add("Authorization: GenieKey <key>");
        }
        if (path.equals("/v2/alerts")) {
            String message = b.path("message").asText("");
            if (message.isBlank() || message.length() > 130) {
                v.add("message: required, at most 130 characters; was " + message.length());
            }
            if (b.has("alias") && b.get("alias").asText().length() > 512) {
                v.add("alias: at most 512 characters");
            }
            if (b.has("description") && b.get("description").asText().length() > 15000) {
                v.add("description: at most 15000 characters");
            }
            if (b.has("priority") && !PRIORITIES.contains(b.get("priority").asText())) {
                v.add("priority: P1 to P5; was " + b.get("priority"));
            }
            for (JsonNode tag : b.path("tags")) {
                if (tag.asText().length() > 50) {
                    v.add("tags[]: at most 50 characters; was " + tag.asText().length());
                }
            }
            if (b.has("details") && !b.get("details").isObject()) {
                v.add("details: a map of strings");
            }
            b.path("details").fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    v.add("details." + e.getKey() + ": must be a string");
                }
            });
        } else if (path.matches("/v2/alerts/[^/]+/close")) {
            if (!"identifierType=alias".equals(query)) {
                v.add("close: identifierType=alias to close by alias; was " + query);
            }
        } else {
            v.add("path: /v2/alerts or /v2/alerts/{identifier}/close; was " + path);
        }
        return v;
    }
}
