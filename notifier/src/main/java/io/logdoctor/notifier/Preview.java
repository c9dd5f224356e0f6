package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The request bodies the notifier would send for a diagnosis read fresh (firing: a new page;
 * resolved: its resolve), for a dry run that shows a team what each destination will get.
 */
public final class Preview {

    private Preview() {
    }

    /** The destination kinds a preview can show. */
    public static List<String> kinds() {
        return DestinationKinds.names();
    }

    /** Exactly the body a destination of {@code kind} (with placeholder settings) would be sent; null when none. */
    public static JsonNode body(String kind, Diagnosis d) {
        Request request = DestinationKinds.example(kind).request(Alert.of(d), transition(d));
        if (request == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Slack incoming-webhook body (Block Kit). */
    public static ObjectNode slack(Diagnosis d) {
        return SlackMessage.build(d, transition(d));
    }

    /** The PagerDuty Events API v2 body, with {@code routingKey}. */
    public static ObjectNode pagerDuty(Diagnosis d, String routingKey) {
        return PagerDutyEvent.build(d, transition(d), routingKey);
    }

    private static Transition transition(Diagnosis d) {
        return Diagnosis.RESOLVED.equals(d.status()) ? Transition.RESOLVE : Transition.FIRE;
    }
}
