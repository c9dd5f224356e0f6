package io.logdoctor.notifier;

import java.util.Map;
import java.util.Optional;

/**
 * Where alerts can be sent: one kind per file ({@link SlackWebhook}, {@link PagerDuty}, {@link Alertmanager},
 * {@link Webhook}, {@link Teams}, {@link Opsgenie}), each knowing how to build its request, name itself
 * and read its own part of the routes file; {@link DestinationKinds} registers them. Every kind carries
 * a secret (a webhook URL, a key, a token), so none prints it: {@code toString} is {@code kind:name},
 * which also keys this destination's progress in the offset commit's metadata and must stay stable.
 */
public interface Destination {

    /** The name the routes use for this destination. */
    String name();

    /** The kind, as written in the routes file and in the metrics' {@code destination} label. */
    String kind();

    /**
     * The request this transition sends here, or null when it means nothing for this destination.
     * Called on the destination's own delivery thread, once per delivery (not per attempt).
     */
    Request request(Alert alert, Transition t);

    /** How an answer reads for retrying; most APIs agree with {@link HttpPoster#classify}. */
    default Outcome outcome(int status, String body, Optional<String> retryAfter) {
        return HttpPoster.classify(status, body, retryAfter);
    }

    /**
     * Told once the request was accepted, with the answer's body; a kind that keeps state records it
     * here, before the delivery counts as done. A {@link Outcome.Retry} asks to be told again.
     */
    default Outcome delivered(Alert alert, Transition t, String answer) {
        return new Outcome.Delivered(0);
    }

    /** Called once before the first delivery, with the Kafka cluster, for a kind that keeps state there. */
    default void open(String bootstrapServers, Map<String, String> kafka) {
    }

    /** Called once after the last delivery. */
    default void close() {
    }
}
