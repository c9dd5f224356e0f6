package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the Slack message for an alert: {@code text} as the notification fallback and
 * Block Kit {@code blocks}. Block Kit rejects a whole message when one limit is exceeded
 * (invalid_blocks), so every piece is cut to Slack's documented limits here, never left to chance.
 * Evidence arrives redacted again ({@link Alert}).
 */
final class SlackMessage {

    // https://docs.slack.dev/reference/block-kit/blocks: header text 150, section text 3000,
    // section fields 10 of 2000 each, 50 blocks per message, 10 context elements.
    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;
    static final int FIELD_MAX = 2000;
    static final int FIELDS_MAX = 10;
    static final int BLOCKS_MAX = 50;
    static final int CONTEXT_ELEMENTS_MAX = 10;

    private SlackMessage() {
    }

    /** The message for this transition of a diagnosis, or null when it warrants none. */
    static ObjectNode build(Diagnosis d, Transition t) {
        return build(Alert.of(d), t);
    }

    /** The message for this transition, or null when it warrants none. */
    static ObjectNode build(Alert d, Transition t) {
        return switch (t) {
            case FIRE -> firing(d, "🔴 FIRING", "FIRING");
            case REFINE -> firing(d, "🔎 REFINED", "REFINED");
            case RESOLVE -> resolved(d);
            case REPEAT, RESOLVE_UNSEEN, NONE -> null;
        };
    }

    private static ObjectNode firing(Alert d, String headline, String word) {
        List<ObjectNode> blocks = new ArrayList<>();
        blocks.add(header(headline + " · " + d.title()));
        List<String> fields = new ArrayList<>();
        fields.add("*Severity*\n" + Text.mrkdwn(d.severity(), FIELD_MAX - 20));
        fields.add("*Scope*\n" + Text.mrkdwn(d.subject(), FIELD_MAX - 20));
        fields.add("*Signature*\n" + Text.mrkdwn(d.signature()
                + (d.refinedBy() == null ? "" : "\nrefined by " + d.refinedBy()), FIELD_MAX - 20));
        fields.add("*Count*\n" + d.count());
        fields.add("*First seen*\n" + Text.mrkdwn(d.firstSeen(), FIELD_MAX - 20));
        fields.add("*Last seen*\n" + Text.mrkdwn(d.lastSeen(), FIELD_MAX - 20));
        blocks.add(fields(fields));
        if (d.cause() != null && !d.cause().isBlank()) {
            blocks.add(section("*Cause*\n" + Text.mrkdwn(d.cause(), SECTION_MAX - 10)));
        }
        if (!d.remediation().isEmpty()) {
            StringBuilder steps = new StringBuilder();
            for (int i = 0; i < d.remediation().size(); i++) {
                steps.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(d.remediation().get(i));
            }
            blocks.add(section("*Remediation*\n" + Text.mrkdwn(steps.toString(), SECTION_MAX - 20)));
        }
        if (!d.evidence().isEmpty()) {
            blocks.add(section("*Evidence*\n```" + Text.mrkdwn(evidence(d.evidence()), SECTION_MAX - 20) + "```"));
        }
        String references = references(d.references());
        if (!references.isEmpty()) {
            blocks.add(section("*References*\n" + references));
        }
        blocks.add(context("logdoctor · diagnosis " + Text.mrkdwn(d.id(), 100)));
        String text = word + " [" + d.severity() + "] " + d.title() + " — " + d.subject();
        return message(Text.mrkdwn(text, SECTION_MAX), blocks);
    }

    private static ObjectNode resolved(Alert d) {
        List<ObjectNode> blocks = new ArrayList<>();
        blocks.add(header("✅ RESOLVED · " + d.title()));
        blocks.add(section(Text.mrkdwn(d.subject() + "\n" + d.signature() + " · seen " + d.count()
                + " times, last " + d.lastSeen(), SECTION_MAX)));
        blocks.add(context("logdoctor · diagnosis " + Text.mrkdwn(d.id(), 100)));
        String text = "RESOLVED [" + d.severity() + "] " + d.title() + " — " + d.subject();
        return message(Text.mrkdwn(text, SECTION_MAX), blocks);
    }

    private static String evidence(List<Alert.Line> lines) {
        StringBuilder out = new StringBuilder();
        for (Alert.Line e : lines) {
            if (out.length() > 0) {
                out.append('\n');
            }
            // A fence inside a log line would end the code block early.
            String line = e.text().replace("```", "`\u200b`\u200b`");
            out.append(e.ts() == null ? "" : e.ts() + "  ").append(line);
        }
        return out.toString();
    }

    /** One reference per line; URLs as links. Whole lines only, so a link is never cut in half. */
    private static String references(List<String> references) {
        if (references == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String ref : references) {
            String line = "• " + (isLinkable(ref) ? "<" + ref.replace("&", "&amp;") + ">" : Text.mrkdwn(ref, 500));
            if (out.length() + line.length() + 1 > SECTION_MAX - 20) {
                out.append(out.length() > 0 ? "\n" : "").append(Text.ELLIPSIS);
                break;
            }
            out.append(out.length() > 0 ? "\n" : "").append(line);
        }
        return out.toString();
    }

    private static boolean isLinkable(String ref) {
        return (ref.startsWith("https://") || ref.startsWith("http://")) && ref.length() < 1000
                && ref.chars().noneMatch(c -> c == '<' || c == '>' || c == '|' || Character.isWhitespace(c));
    }

    private static ObjectNode message(String text, List<ObjectNode> blocks) {
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("text", text);
        ArrayNode array = message.putArray("blocks");
        blocks.stream().limit(BLOCKS_MAX).forEach(array::add);
        return message;
    }

    private static ObjectNode header(String text) {
        ObjectNode block = Json.MAPPER.createObjectNode().put("type", "header");
        block.putObject("text").put("type", "plain_text").put("text", Text.cut(text, HEADER_MAX)).put("emoji", true);
        return block;
    }

    private static ObjectNode section(String mrkdwn) {
        ObjectNode block = Json.MAPPER.createObjectNode().put("type", "section");
        block.set("text", mrkdwnText(Text.cut(mrkdwn, SECTION_MAX)));
        return block;
    }

    private static ObjectNode fields(List<String> fields) {
        ObjectNode block = Json.MAPPER.createObjectNode().put("type", "section");
        ArrayNode array = block.putArray("fields");
        fields.stream().limit(FIELDS_MAX).forEach(f -> array.add(mrkdwnText(Text.cut(f, FIELD_MAX))));
        return block;
    }

    private static ObjectNode context(String mrkdwn) {
        ObjectNode block = Json.MAPPER.createObjectNode().put("type", "context");
        block.putArray("elements").add(mrkdwnText(Text.cut(mrkdwn, SECTION_MAX)));
        return block;
    }

    private static ObjectNode mrkdwnText(String text) {
        return Json.MAPPER.createObjectNode().put("type", "mrkdwn").put("text", text);
    }
}
