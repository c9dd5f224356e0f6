package io.logdoctor.notifier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The registration of destination kinds: the routes file's key for each, the parser that reads its
 * settings, and an example with placeholder settings for {@code notify-preview}. Adding a kind is its
 * file plus one line here; nothing else in the notifier names a kind.
 */
final class DestinationKinds {

    /** One kind: how the routes file names it, how its settings are read, and a stand-in for previews. */
    record Kind(String name, BiFunction<String, DestinationConfig, Destination> parser, Destination example) {
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        register(new Kind(SlackWebhook.KIND, SlackWebhook::parse, SlackWebhook.EXAMPLE));
        register(new Kind(PagerDuty.KIND, PagerDuty::parse, PagerDuty.EXAMPLE));
        register(new Kind(Alertmanager.KIND, Alertmanager::parse, Alertmanager.EXAMPLE));
        register(new Kind(Webhook.KIND, Webhook::parse, Webhook.EXAMPLE));
        register(new Kind(Teams.KIND, Teams::parse, Teams.EXAMPLE));
        register(new Kind(Opsgenie.KIND, Opsgenie::parse, Opsgenie.EXAMPLE));
        register(new Kind(SlackBot.KIND, SlackBot::parse, SlackBot.EXAMPLE));
    }

    private DestinationKinds() {
    }

    private static void register(Kind kind) {
        KINDS.put(kind.name(), kind);
    }

    /** The kinds, in registration order. */
    static List<String> names() {
        return List.copyOf(KINDS.keySet());
    }

    /** The destination {@code name} of {@code kind}, read from its settings. */
    static Destination parse(String kind, String name, DestinationConfig config) {
        return kind(kind).parser().apply(name, config);
    }

    /** A destination of {@code kind} with placeholder settings, to show what it would be sent. */
    static Destination example(String kind) {
        return kind(kind).example();
    }

    private static Kind kind(String kind) {
        Kind k = KINDS.get(kind);
        if (k == null) {
            throw new IllegalArgumentException("unknown destination kind '" + kind + "'; known: " + String.join(", ", names()));
        }
        return k;
    }
}
