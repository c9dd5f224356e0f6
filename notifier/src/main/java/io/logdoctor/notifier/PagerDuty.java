package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;

/**
 * A PagerDuty service integration (Events API v2) named by its routing key: trigger on firing and
 * refinement, resolve on resolved, {@code dedup_key} = the alert id ({@link PagerDutyEvent}).
 */
public record PagerDuty(String name, String routingKey, URI eventsUrl) implements Destination {

    static final String KIND = "pagerduty";
    /** The Events API v2 endpoint. */
    public static final URI EVENTS = URI.create("https://events.pagerduty.com/v2/enqueue");
    static final PagerDuty EXAMPLE = new PagerDuty("preview", "<routing key>", EVENTS);

    static PagerDuty parse(String name, DestinationConfig c) {
        c.allowOnly("routingKey", "url");
        return new PagerDuty(name, c.text("routingKey"), c.httpUri("url", EVENTS));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Request request(Alert alert, Transition t) {
        ObjectNode body = PagerDutyEvent.build(alert, t, routingKey);
        return body == null ? null : Request.post(eventsUrl, body);
    }

    @Override
    public String toString() {
        return KIND + ":" + name;
    }
}
