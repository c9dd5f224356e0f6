package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdoctor.records.Json;

import java.net.URI;

/**
 * Microsoft Teams through a Workflows (Power Automate) webhook, the successor of the retired Office 365
 * connectors: the "Post to a channel when a webhook request is received" flow takes a message whose
 * attachment is an Adaptive Card (Workflows accept Adaptive Cards only, not the old MessageCard;
 * https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using).
 * The flow answers 202 Accepted. One card per firing, refinement and resolve, like Slack's messages.
 */
public record Teams(String name, URI webhookUrl) implements Destination {

    static final String KIND = "teams";
    static final Teams EXAMPLE = new Teams("preview", URI.create("https://prod-00.westeurope.logic.azure.com/workflows/0/triggers/manual/paths/invoke"));
    static final String CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    /** Teams renders Adaptive Cards up to 1.5 on desktop and 1.4 everywhere. */
    static final String CARD_VERSION = "1.4";
    /** Teams refuses messages over about 28 KB; each text block is cut well below it. */
    static final int BLOCK_MAX = 4000;

    static Teams parse(String name, DestinationConfig c) {
        c.allowOnly("webhookUrl");
        return new Teams(name, c.httpUri("webhookUrl"));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Request request(Alert a, Transition t) {
        ObjectNode card = switch (t) {
            case FIRE -> card(a, "🔴 FIRING", "attention", true);
            case REFINE -> card(a, "🔎 REFINED", "warning", true);
            case RESOLVE -> card(a, "✅ RESOLVED", "good", false);
            case REPEAT, RESOLVE_UNSEEN, NONE -> null;
        };
        if (card == null) {
            return null;
        }
        ObjectNode message = Json.MAPPER.createObjectNode().put("type", "message");
        message.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive")
                .putNull("contentUrl")
                .set("content", card);
        return Request.post(webhookUrl, message);
    }

    private static ObjectNode card(Alert a, String headline, String color, boolean details) {
        ObjectNode card = Json.MAPPER.createObjectNode();
        card.put("$schema", CARD_SCHEMA).put("type", "AdaptiveCard").put("version", CARD_VERSION);
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", Text.cut(headline + " · " + a.title(), 500))
                .put("size", "Large").put("weight", "Bolder").put("color", color).put("wrap", true);
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Severity", a.severity());
        fact(facts, "Scope", a.subject());
        fact(facts, "Signature", a.signature() + (a.refinedBy() == null ? "" : " (refined by " + a.refinedBy() + ")"));
        fact(facts, "Count", String.valueOf(a.count()));
        fact(facts, "First seen", a.firstSeen());
        fact(facts, "Last seen", a.lastSeen());
        if (details) {
            text(body, "Cause", a.cause());
            StringBuilder steps = new StringBuilder();
            for (int i = 0; i < a.remediation().size(); i++) {
                steps.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(a.remediation().get(i));
            }
            text(body, "Remediation", steps.toString());
            StringBuilder evidence = new StringBuilder();
            a.evidence().forEach(e -> evidence.append(evidence.length() == 0 ? "" : "\n")
                    .append(e.ts() == null ? "" : e.ts() + "  ").append(e.text()));
            if (evidence.length() > 0) {
                body.addObject().put("type", "TextBlock").put("text", Text.cut(evidence.toString(), BLOCK_MAX))
                        .put("fontType", "Monospace").put("wrap", true).put("separator", true);
            }
        }
        body.addObject().put("type", "TextBlock").put("text", "logdoctor · diagnosis " + a.id())
                .put("isSubtle", true).put("size", "Small").put("wrap", true);
        ArrayNode actions = card.putArray("actions");
        a.links().stream().limit(5).forEach(link -> actions.addObject()
                .put("type", "Action.OpenUrl").put("title", Text.cut(link.replaceFirst("^https?://", ""), 60)).put("url", link));
        if (actions.isEmpty()) {
            card.remove("actions");
        }
        return card;
    }

    private static void fact(ArrayNode facts, String title, String value) {
        if (value != null && !value.isBlank()) {
            facts.addObject().put("title", title).put("value", Text.cut(value, 1000));
        }
    }

    private static void text(ArrayNode body, String heading, String text) {
        if (text != null && !text.isBlank()) {
            body.addObject().put("type", "TextBlock").put("text", heading).put("weight", "Bolder").put("separator", true);
            body.addObject().put("type", "TextBlock").put("text", Text.cut(text, BLOCK_MAX)).put("wrap", true);
        }
    }

    @Override
    public String toString() {
        return KIND + ":" + name;
    }
}
