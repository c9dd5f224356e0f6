package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Builds Events API v2 alert events (https://developer.pagerduty.com/docs/events-api-v2/trigger-events):
 * {@code trigger} on firing and refinement, {@code resolve} on resolved, {@code dedup_key} = the
 * diagnosis id, so PagerDuty folds every event of one diagnosis into one alert.
 */
final class PagerDutyEvent {

    static final int SUMMARY_MAX = 1024;
    static final int DEDUP_KEY_MAX = 255;
    /** PagerDuty's own {@code payload.severity} values (Events API v2), which are the catalogue's too. */
    static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    /** Evidence lines are cut like the streams app cuts them; the whole event must stay under 512 KB. */
    private static final int DETAIL_LINE_MAX = 2048;

    private PagerDutyEvent() {
    }

    /** The event for this transition of a diagnosis, or null when it warrants none. */
    static ObjectNode build(Diagnosis d, Transition t, String routingKey) {
        return build(Alert.of(d), t, routingKey);
    }

    /** The event for this transition, or null when it warrants none. */
    static ObjectNode build(Alert d, Transition t, String routingKey) {
        return switch (t) {
            case FIRE, REFINE -> trigger(d, routingKey);
            case RESOLVE, RESOLVE_UNSEEN -> resolve(d, routingKey);
            case REPEAT, NONE -> null;
        };
    }

    /** PagerDuty knows the same four severities as the catalogue; anything else pages as error rather than not at all. */
    static String severity(String severity) {
        return SEVERITIES.contains(severity) ? severity : "error";
    }

    private static ObjectNode trigger(Alert d, String routingKey) {
        ObjectNode event = envelope(d, routingKey, "trigger");
        event.put("client", "logdoctor");
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", Text.cut("[" + d.severity() + "] " + d.title() + " — " + d.subject(), SUMMARY_MAX));
        payload.put("source", d.source());
        payload.put("severity", severity(d.severity()));
        String timestamp = timestamp(d.lastSeen());
        if (timestamp != null) {
            payload.put("timestamp", timestamp);
        }
        putIfPresent(payload, "component", d.component());
        putIfPresent(payload, "group", d.group());
        payload.put("class", d.signature());
        ObjectNode details = payload.putObject("custom_details");
        details.put("cause", d.cause());
        ArrayNode steps = details.putArray("remediation");
        d.remediation().forEach(steps::add);
        ArrayNode evidence = details.putArray("evidence");
        for (Alert.Line e : d.evidence()) {
            evidence.add(Text.cut((e.ts() == null ? "" : e.ts() + "  ") + e.text(), DETAIL_LINE_MAX));
        }
        details.put("signature", d.signature());
        details.put("count", d.count());
        details.put("firstSeen", d.firstSeen());
        details.put("lastSeen", d.lastSeen());
        details.put("refinedBy", d.refinedBy());
        details.put("diagnosis", d.id());
        ArrayNode links = event.putArray("links");
        for (String ref : d.links()) {
            links.addObject().put("href", ref).put("text", Text.cut(ref, 200));
        }
        return event;
    }

    /** A resolve needs only the key and the dedup_key (the documented resolve example). */
    private static ObjectNode resolve(Alert d, String routingKey) {
        return envelope(d, routingKey, "resolve");
    }

    private static ObjectNode envelope(Alert d, String routingKey, String action) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("routing_key", routingKey);
        event.put("event_action", action);
        event.put("dedup_key", Text.cut(d.id(), DEDUP_KEY_MAX));
        return event;
    }

    /** The log's RFC 3339 time at millisecond precision (ISO 8601, as the API's examples); null if unreadable. */
    static String timestamp(String rfc3339) {
        if (rfc3339 == null) {
            return null;
        }
        try {
            return Instant.parse(rfc3339).truncatedTo(ChronoUnit.MILLIS).toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }
}
