package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdoctor.records.Json;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Opsgenie's Alert API (https://docs.opsgenie.com/docs/alert-api): create on firing and refinement
 * with {@code alias} = the alert id, so Opsgenie folds them into one open alert (a create with the alias
 * of an open alert only adds to its count), and close by alias on resolve. Authenticated by an API
 * integration key ({@code Authorization: GenieKey <key>}); Opsgenie answers 202 and processes the
 * request later. {@code url} is {@code https://api.opsgenie.com} (default) or {@code https://api.eu.opsgenie.com}.
 */
public record Opsgenie(String name, String apiKey, URI url) implements Destination {

    static final String KIND = "opsgenie";
    static final URI API = URI.create("https://api.opsgenie.com");
    static final Opsgenie EXAMPLE = new Opsgenie("preview", "<api key>", API);
    // Documented limits of the create request.
    static final int MESSAGE_MAX = 130;
    static final int ALIAS_MAX = 512;
    static final int DESCRIPTION_MAX = 15000;
    static final int ENTITY_MAX = 512;
    static final int DETAIL_VALUE_MAX = 8000;
    static final int TAG_MAX = 50;
    /** Our severities as Opsgenie priorities: P1 critical ... P5 informational. */
    static final Map<String, String> PRIORITY = Map.of("critical", "P1", "error", "P2", "warning", "P3", "info", "P5");

    static Opsgenie parse(String name, DestinationConfig c) {
        c.allowOnly("apiKey", "url");
        return new Opsgenie(name, c.text("apiKey"), c.httpUri("url", API));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Request request(Alert a, Transition t) {
        Request request = switch (t) {
            case FIRE, REFINE -> Request.post(url.resolve("/v2/alerts"), create(a));
            case RESOLVE, RESOLVE_UNSEEN -> Request.post(url.resolve("/v2/alerts/"
                    + URLEncoder.encode(alias(a), StandardCharsets.UTF_8).replace("+", "%20") + "/close?identifierType=alias"), closeBody());
            case REPEAT, NONE -> null;
        };
        return request == null ? null : request.withHeader("Authorization", "GenieKey " + apiKey);
    }

    private static ObjectNode create(Alert a) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("message", Text.cut("[" + a.severity() + "] " + a.title(), MESSAGE_MAX));
        body.put("alias", alias(a));
        body.put("description", Text.cut(description(a), DESCRIPTION_MAX));
        body.put("entity", Text.cut(a.source(), ENTITY_MAX));
        body.put("source", "logdoctor");
        body.put("priority", PRIORITY.getOrDefault(a.severity(), "P2"));
        body.putArray("tags").add("logdoctor").add(Text.cut(a.signature(), TAG_MAX));
        ObjectNode details = body.putObject("details");
        details.put("signature", a.signature());
        details.put("scope", Text.cut(a.subject(), DETAIL_VALUE_MAX));
        details.put("count", String.valueOf(a.count()));
        details.put("firstSeen", String.valueOf(a.firstSeen()));
        details.put("lastSeen", String.valueOf(a.lastSeen()));
        if (a.refinedBy() != null) {
            details.put("refinedBy", a.refinedBy());
        }
        a.labels().forEach((k, v) -> details.put(k, Text.cut(v, DETAIL_VALUE_MAX)));
        return body;
    }

    private static ObjectNode closeBody() {
        return Json.MAPPER.createObjectNode().put("source", "logdoctor").put("note", "resolved: no more matches in the quiet period");
    }

    private static String alias(Alert a) {
        return Text.cut(a.id(), ALIAS_MAX);
    }

    private static String description(Alert a) {
        StringBuilder out = new StringBuilder(a.description());
        for (int i = 0; i < a.evidence().size(); i++) {
            Alert.Line e = a.evidence().get(i);
            out.append(i == 0 ? "\n\nEvidence:" : "").append('\n').append(e.ts() == null ? "" : e.ts() + "  ").append(e.text());
        }
        a.links().forEach(link -> out.append('\n').append(link));
        return out.toString();
    }

    @Override
    public String toString() {
        return KIND + ":" + name;
    }
}
