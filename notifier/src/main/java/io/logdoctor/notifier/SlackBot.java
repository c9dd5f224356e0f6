package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdoctor.records.Json;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Slack in bot-token mode (beside incoming webhooks): one message per alert whose header turns from
 * FIRING to RESOLVED. A firing is {@code chat.postMessage}; a refinement is a reply in that message's
 * thread; the resolve is {@code chat.update} of the same message
 * (https://docs.slack.dev/reference/methods/chat.postMessage, .../chat.update). The message's channel
 * and ts are kept in {@link SlackMessageStore} (a compacted topic), recorded before the firing counts
 * as delivered, so a firing read again after a crash finds it and is not posted twice, and the resolve
 * finds its message on whichever instance owns the alert then.
 *
 * <p>The Web API answers HTTP 200 with {@code "ok": false} and an error for most failures: transient
 * ones are retried, the rest (invalid_auth, channel_not_found, not_in_channel, msg_too_long...) are final.
 */
public final class SlackBot implements Destination {

    static final String KIND = "slackBot";
    static final URI API = URI.create("https://slack.com/api/");
    static final SlackBot EXAMPLE = new SlackBot("preview", "xoxb-<token>", "C0123456789", API);
    /** Web API errors worth another try (https://docs.slack.dev/reference/methods/chat.postMessage#errors). */
    static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");

    private final String name;
    private final String token;
    private final String channel;
    private final URI api;
    private SlackMessageStore store;

    SlackBot(String name, String token, String channel, URI api) {
        this.name = name;
        this.token = token;
        this.channel = channel;
        this.api = api;
    }

    static SlackBot parse(String name, DestinationConfig c) {
        c.allowOnly("token", "channel", "url");
        String token = c.text("token");
        if (!token.startsWith("xoxb-")) {
            throw c.failure("token", "must be a bot token (xoxb-...); a user or app token cannot post as the bot");
        }
        URI api = c.httpUri("url", API);
        return new SlackBot(name, token, c.text("channel"), api.toString().endsWith("/") ? api : URI.create(api + "/"));
    }

    /** The same bot with its messages kept in {@code store}, for tests. */
    SlackBot withStore(SlackMessageStore store) {
        this.store = store;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void open(String bootstrapServers, Map<String, String> kafka) {
        if (store == null) {
            store = new SlackMessageStore(bootstrapServers, kafka);
        }
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    public Request request(Alert a, Transition t) {
        Optional<SlackMessageStore.Posted> posted = switch (t) {
            case FIRE, REFINE, RESOLVE, RESOLVE_UNSEEN -> posted(a);
            case REPEAT, NONE -> Optional.empty();
        };
        ObjectNode body;
        String method;
        switch (t) {
            case FIRE -> {
                if (posted.isPresent() && Objects.equals(posted.get().firstSeen(), a.firstSeen())) {
                    return null; // posted before a crash, recorded, not committed: read again, not posted again
                }
                posted = Optional.empty(); // a new episode (an old entry whose resolve was refused): a new message
                body = SlackMessage.build(a, t);
                method = "chat.postMessage";
            }
            case REFINE -> {
                body = SlackMessage.build(a, t);
                posted.ifPresent(p -> body.put("thread_ts", p.ts()));
                method = "chat.postMessage";
            }
            case RESOLVE, RESOLVE_UNSEEN -> {
                if (posted.isEmpty() && t == Transition.RESOLVE_UNSEEN) {
                    return null;
                }
                body = SlackMessage.build(a, Transition.RESOLVE);
                posted.ifPresent(p -> body.put("ts", p.ts()));
                method = posted.isPresent() ? "chat.update" : "chat.postMessage";
            }
            default -> {
                return null;
            }
        }
        body.put("channel", posted.map(SlackMessageStore.Posted::channel).orElse(channel));
        return Request.post(api.resolve(method), body).withHeader("Authorization", "Bearer " + token);
    }

    @Override
    public Outcome outcome(int status, String body, Optional<String> retryAfter) {
        Outcome http = HttpPoster.classify(status, body, retryAfter);
        if (!(http instanceof Outcome.Delivered)) {
            return http;
        }
        JsonNode answer = answer(body);
        if (answer.path("ok").asBoolean(false)) {
            return http;
        }
        String error = answer.path("error").asText("no ok in the answer");
        return TRANSIENT.contains(error) ? new Outcome.Retry("Slack: " + error, null) : new Outcome.Rejected("Slack: " + error);
    }

    @Override
    public Outcome delivered(Alert a, Transition t, String answer) {
        try {
            JsonNode n = answer(answer);
            // A refinement of a message we never posted (it fired before bot mode) was posted as a new one: keep it.
            if (t == Transition.FIRE || (t == Transition.REFINE && posted(a).isEmpty())) {
                store.put(key(a), new SlackMessageStore.Posted(n.path("channel").asText(channel), n.path("ts").asText(), a.firstSeen()));
            } else if (t == Transition.RESOLVE || t == Transition.RESOLVE_UNSEEN) {
                store.remove(key(a));
            }
            return new Outcome.Delivered(0);
        } catch (RuntimeException e) {
            return new Outcome.Retry("cannot record the Slack message: " + e.getMessage(), null);
        }
    }

    private Optional<SlackMessageStore.Posted> posted(Alert a) {
        // No store: a preview, which shows what a first post looks like.
        return store == null ? Optional.empty() : store.get(key(a));
    }

    private String key(Alert a) {
        return name + "/" + a.id();
    }

    private static JsonNode answer(String body) {
        try {
            return body == null || body.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlackBot b && name.equals(b.name) && token.equals(b.token) && channel.equals(b.channel) && api.equals(b.api);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, token, channel, api);
    }

    @Override
    public String toString() {
        return KIND + ":" + name;
    }
}
