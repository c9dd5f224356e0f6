package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The documented request formats, as checks that list every violation: Slack Block Kit
 * (docs.slack.dev/reference/block-kit/blocks) and PagerDuty Events API v2
 * (developer.pagerduty.com/docs/events-api-v2/trigger-events).
 */
final class Formats {

    private static final Set<String> PD_ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> PD_SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final Set<String> BLOCK_TYPES = Set.of("header", "section", "context", "divider");

    private Formats() {
    }

    static List<String> slackViolations(JsonNode m) {
        List<String> v = new ArrayList<>();
        if (!m.path("text").isTextual() || m.path("text").asText().isBlank()) {
            v.add("text: a non-empty fallback string is required with blocks");
        }
        JsonNode blocks = m.path("blocks");
        if (!blocks.isArray() || blocks.isEmpty() || blocks.size() > 50) {
            v.add("blocks: 1 to 50 blocks; was " + blocks);
            return v;
        }
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode b = blocks.get(i);
            String at = "blocks[" + i + "]";
            String type = b.path("type").asText();
            if (!BLOCK_TYPES.contains(type)) {
                v.add(at + ".type: unexpected '" + type + "'");
            }
            switch (type) {
                case "header" -> {
                    textObject(v, at + ".text", b.path("text"), 150);
                    if (!"plain_text".equals(b.path("text").path("type").asText())) {
                        v.add(at + ".text.type: a header takes plain_text");
                    }
                }
                case "section" -> {
                    if (!b.has("text") && !b.has("fields")) {
                        v.add(at + ": a section needs text or fields");
                    }
                    if (b.has("text")) {
                        textObject(v, at + ".text", b.path("text"), 3000);
                    }
                    if (b.has("fields")) {
                        JsonNode f = b.path("fields");
                        if (!f.isArray() || f.isEmpty() || f.size() > 10) {
                            v.add(at + ".fields: 1 to 10 items; was " + f.size());
                        }
                        for (int j = 0; j < f.size(); j++) {
                            textObject(v, at + ".fields[" + j + "]", f.get(j), 2000);
                        }
                    }
                }
                case "context" -> {
                    JsonNode e = b.path("elements");
                    if (!e.isArray() || e.isEmpty() || e.size() > 10) {
                        v.add(at + ".elements: 1 to 10 items");
                    }
                    for (int j = 0; j < e.size(); j++) {
                        textObject(v, at + ".elements[" + j + "]", e.get(j), 3000);
                    }
                }
                default -> {
                }
            }
        }
        return v;
    }

    private static void textObject(List<String> v, String at, JsonNode t, int max) {
        String type = t.path("type").asText();
        if (!type.equals("plain_text") && !type.equals("mrkdwn")) {
            v.add(at + ".type: plain_text or mrkdwn; was '" + type + "'");
        }
        String text = t.path("text").asText("");
        if (text.isEmpty()) {
            v.add(at + ".text: must not be empty");
        }
        if (text.length() > max) {
            v.add(at + ".text: at most " + max + " characters; was " + text.length());
        }
    }

    static List<String> pagerDutyViolations(JsonNode e) {
        List<String> v = new ArrayList<>();
        if (!e.path("routing_key").isTextual() || e.path("routing_key").asText().isBlank()) {
            v.add("routing_key: required string");
        }
        String action = e.path("event_action").asText();
        if (!PD_ACTIONS.contains(action)) {
            v.add("event_action: trigger, acknowledge or resolve; was '" + action + "'");
        }
        if (e.has("dedup_key") && (!e.get("dedup_key").isTextual() || e.get("dedup_key").asText().length() > 255)) {
            v.add("dedup_key: a string of at most 255 characters");
        }
        if (!action.equals("trigger")) {
            if (!e.has("dedup_key")) {
                v.add("dedup_key: required to " + action);
            }
            return v;
        }
        JsonNode p = e.path("payload");
        String summary = p.path("summary").asText("");
        if (!p.path("summary").isTextual() || summary.isBlank() || summary.length() > 1024) {
            v.add("payload.summary: required, at most 1024 characters; was " + summary.length());
        }
        if (!p.path("source").isTextual() || p.path("source").asText().isBlank()) {
            v.add("payload.source: required string");
        }
        if (!PD_SEVERITIES.contains(p.path("severity").asText())) {
            v.add("payload.severity: critical, error, warning or info; was " + p.path("severity"));
        }
        for (String optional : List.of("timestamp", "component", "group", "class")) {
            if (p.has(optional) && !p.get(optional).isTextual()) {
                v.add("payload." + optional + ": must be a string");
            }
        }
        if (p.has("timestamp")) {
            try {
                Instant.parse(p.get("timestamp").asText());
            } catch (DateTimeParseException ex) {
                v.add("payload.timestamp: ISO 8601; was " + p.get("timestamp"));
            }
        }
        if (p.has("custom_details") && !p.get("custom_details").isObject()) {
            v.add("payload.custom_details: must be an object");
        }
        JsonNode links = e.path("links");
        if (e.has("links")) {
            if (!links.isArray()) {
                v.add("links: must be an array");
            }
            for (JsonNode link : links) {
                if (!link.path("href").isTextual()) {
                    v.add("links[].href: required");
                }
            }
        }
        if (e.toString().length() > 512 * 1024) {
            v.add("event larger than 512 KB");
        }
        return v;
    }
}
