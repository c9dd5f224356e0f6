package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/** Sends one transition of one alert to a destination, with retries, telling the destination's health each attempt. */
final class Deliverer {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final HttpPoster poster;
    private final Retrier retrier;
    private final NotifierMetrics metrics;
    private final DestinationHealth health;

    Deliverer(HttpPoster poster, Retrier retrier, NotifierMetrics metrics) {
        this(poster, retrier, metrics, new DestinationHealth(Integer.MAX_VALUE, Clock.systemUTC()));
    }

    Deliverer(HttpPoster poster, Retrier retrier, NotifierMetrics metrics, DestinationHealth health) {
        this.poster = poster;
        this.retrier = retrier;
        this.metrics = metrics;
        this.health = health;
    }

    Retrier.Result deliver(Destination destination, Diagnosis d, Transition t, BooleanSupplier keepGoing) throws InterruptedException {
        return deliver(destination, Alert.of(d), t, keepGoing);
    }

    /**
     * Delivers, or returns at once with DELIVERED when this transition means nothing for the destination.
     * Three steps, each retried on its own: build the request (a kind may need to look up state), send
     * it, and let the destination record what the answer said (so a post is never repeated only because
     * recording it failed).
     */
    Retrier.Result deliver(Destination destination, Alert alert, Transition t, BooleanSupplier keepGoing)
            throws InterruptedException {
        String what = t + " " + alert.id() + " (" + alert.signature() + ") to " + destination;
        Request[] request = new Request[1];
        Retrier.Result result = retrier.run(what + ": building the request", () -> {
            try {
                request[0] = destination.request(alert, t);
                return new Outcome.Delivered(0);
            } catch (RuntimeException e) {
                return new Outcome.Retry("cannot build the request: " + e.getMessage(), null);
            }
        }, keepGoing);
        if (result != Retrier.Result.DELIVERED || request[0] == null) {
            return result;
        }
        String[] answer = new String[1];
        result = retrier.run(what, () -> {
            Outcome outcome;
            try {
                HttpPoster.Answer a = poster.exchange(request[0]);
                outcome = destination.outcome(a.status(), a.body(), a.retryAfter());
                answer[0] = a.body();
            } catch (IOException e) {
                outcome = HttpPoster.networkTrouble(e);
            }
            health.record(outcome);
            return outcome;
        }, keepGoing);
        if (result == Retrier.Result.DELIVERED) {
            result = retrier.run(what + ": recording the answer", () -> destination.delivered(alert, t, answer[0]), keepGoing);
        }
        metrics.delivery(destination, result);
        if (result == Retrier.Result.DELIVERED) {
            log.info("sent {}", what);
        }
        return result;
    }
}
