package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdoctor.records.Json;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's API v2 ({@code POST /api/v2/alerts}, a list of postable alerts: labels, annotations,
 * startsAt, endsAt, generatorURL; https://prometheus.io/docs/alerting/latest/clients/), so teams that
 * route everything through Alertmanager get logdoctor's alerts in their existing routes.
 *
 * <p>Alertmanager identifies an alert by its label set, so the labels are only what never changes for
 * one alert (alertname = signature, the id, severity, the scope's cluster/namespace/pod or function,
 * and the configured extra labels); the rest are annotations. An alert whose endsAt has passed counts
 * as resolved, and one without endsAt resolves after Alertmanager's resolve_timeout (5 m by default),
 * because Prometheus re-sends firing alerts every evaluation. Ours are re-sent only on the streams
 * app's repeat updates (hourly by default), so a firing alert carries {@code endsAt = now + holdFor}
 * (default 2 h) and each repeat moves it on; a resolve sets endsAt to now.
 */
public record Alertmanager(String name, URI url, Map<String, String> extraLabels, String generatorUrl, Duration holdFor, Clock clock)
        implements Destination {

    static final String KIND = "alertmanager";
    static final Duration DEFAULT_HOLD_FOR = Duration.ofHours(2);
    static final Alertmanager EXAMPLE = new Alertmanager("preview", URI.create("http://alertmanager:9093"), Map.of(),
            "http://logdoctor-streams:8080/diagnoses", DEFAULT_HOLD_FOR, Clock.systemUTC());

    public Alertmanager {
        extraLabels = Map.copyOf(extraLabels);
    }

    static Alertmanager parse(String name, DestinationConfig c) {
        c.allowOnly("url", "labels", "generatorUrl", "holdFor");
        Map<String, String> labels = c.map("labels");
        for (String label : labels.keySet()) {
            // Alertmanager 0.25 (Debian bookworm) accepts only classic label names.
            if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                throw c.failure("labels." + label, "not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)");
            }
        }
        return new Alertmanager(name, c.httpUri("url"), labels, c.text("generatorUrl", null),
                c.duration("holdFor", DEFAULT_HOLD_FOR), Clock.systemUTC());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Request request(Alert a, Transition t) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant endsAt = switch (t) {
            case FIRE, REFINE, REPEAT -> now.plus(holdFor);
            case RESOLVE, RESOLVE_UNSEEN -> now;
            case NONE -> null;
        };
        if (endsAt == null) {
            return null;
        }
        ArrayNode body = Json.MAPPER.createArrayNode();
        ObjectNode alert = body.addObject();
        labels(alert.putObject("labels"), a);
        ObjectNode annotations = alert.putObject("annotations");
        annotations.put("summary", a.title());
        annotations.put("description", a.description());
        a.links().stream().findFirst().ifPresent(link -> annotations.put("runbook_url", link));
        annotations.put("subject", a.subject());
        if (a.refinedBy() != null) {
            annotations.put("refined_by", a.refinedBy());
        }
        // Never after endsAt: Alertmanager refuses an alert that ends before it starts.
        Instant startsAt = parse(a.firstSeen());
        alert.put("startsAt", (startsAt == null || startsAt.isAfter(now) ? now : startsAt).toString());
        alert.put("endsAt", endsAt.toString());
        if (generatorUrl != null) {
            alert.put("generatorURL", generatorUrl);
        }
        return Request.post(url.resolve("/api/v2/alerts"), body);
    }

    private void labels(ObjectNode out, Alert a) {
        Map<String, String> labels = new TreeMap<>(extraLabels);
        labels.put("alertname", a.signature());
        labels.put("severity", a.severity());
        labels.put("diagnosis", a.id());
        labels.put("source", "logdoctor");
        for (String stable : new String[] {"cluster", "namespace", "pod", "function"}) {
            if (a.labels().containsKey(stable)) {
                labels.put(stable, a.labels().get(stable));
            }
        }
        labels.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
    }

    private static Instant parse(String rfc3339) {
        try {
            return rfc3339 == null ? null : Instant.parse(rfc3339).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return KIND + ":" + name;
    }
}
