package io.logdoctor.notifier;

import java.net.URI;

/**
 * Where a diagnosis can be sent. Both kinds carry a secret (the webhook URL is its own credential,
 * the routing key is one), so neither prints it.
 */
public sealed interface Destination permits Destination.Slack, Destination.PagerDuty {

    /** The Events API v2 endpoint. */
    URI PAGERDUTY_EVENTS = URI.create("https://events.pagerduty.com/v2/enqueue");

    /** The name the routes use for this destination. */
    String name();

    /** A Slack incoming webhook. */
    record Slack(String name, URI webhookUrl) implements Destination {

        @Override
        public String toString() {
            return "slack:" + name;
        }
    }

    /** A PagerDuty service integration (Events API v2) named by its routing key. */
    record PagerDuty(String name, String routingKey, URI eventsUrl) implements Destination {

        @Override
        public String toString() {
            return "pagerduty:" + name;
        }
    }
}
