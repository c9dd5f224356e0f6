package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;

/**
 * A Slack incoming webhook: one Block Kit message per firing, refinement and resolve
 * ({@link SlackMessage}). Slack answers 200 "ok", or 4xx with a reason that never gets better by retrying.
 */
public record SlackWebhook(String name, URI webhookUrl) implements Destination {

    static final String KIND = "slack";
    static final SlackWebhook EXAMPLE = new SlackWebhook("preview", URI.create("https://hooks.slack.com/services/T000/B000/XXXX"));

    static SlackWebhook parse(String name, DestinationConfig c) {
        c.allowOnly("webhookUrl");
        return new SlackWebhook(name, c.httpUri("webhookUrl"));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Request request(Alert alert, Transition t) {
        ObjectNode body = SlackMessage.build(alert, t);
        return body == null ? null : Request.post(webhookUrl, body);
    }

    @Override
    public String toString() {
        return KIND + ":" + name;
    }
}
