package io.logdoctor.streams;

import com.sun.net.httpserver.HttpExchange;
import io.logdoctor.records.HealthServer;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code /readyz}: 200 while the app diagnoses, 503 with the reason while it cannot: Kafka Streams is
 * not running (or rebalancing), Kafka does not answer (Streams stays RUNNING through an outage), or its
 * stream threads keep failing. {@code /healthz} stays the liveness
 * answer (a restart would not get past a record that kills threads; the DLQ handlers are meant to).
 */
final class Readiness {

    private final Supplier<KafkaStreams.State> state;
    private final ThreadFailures failures;
    private final Supplier<String> kafka;

    Readiness(Supplier<KafkaStreams.State> state, ThreadFailures failures) {
        this(state, failures, () -> null);
    }

    /** @param kafka why Kafka is unreachable, or null ({@link io.logdoctor.records.KafkaReachability#problem()}) */
    Readiness(Supplier<KafkaStreams.State> state, ThreadFailures failures, Supplier<String> kafka) {
        this.state = state;
        this.failures = failures;
        this.kafka = kafka;
    }

    /** Why the app is not ready, or null when it is. */
    String problem() {
        KafkaStreams.State s = state.get();
        if (s != KafkaStreams.State.RUNNING && s != KafkaStreams.State.REBALANCING) {
            return "kafka streams is " + s.name().toLowerCase();
        }
        String unreachable = kafka.get();
        return unreachable != null ? unreachable : failures.problem();
    }

    void handle(HttpExchange ex) throws IOException {
        String problem = problem();
        HealthServer.send(ex, problem == null ? 200 : 503, problem == null ? "ready\n" : "not ready: " + problem + "\n", "text/plain");
    }
}
