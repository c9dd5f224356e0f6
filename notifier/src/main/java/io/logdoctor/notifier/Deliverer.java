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

    /** Delivers, or returns at once with DELIVERED when this transition means nothing for the destination. */
    Retrier.Result deliver(Destination destination, Alert alert, Transition t, BooleanSupplier keepGoing)
            throws InterruptedException {
        Request request = destination.request(alert, t);
        if (request == null) {
            return Retrier.Result.DELIVERED;
        }
        String what = t + " " + alert.id() + " (" + alert.signature() + ") to " + destination;
        String[] accepted = new String[1];
        Retrier.Result result = retrier.run(what, () -> {
            Outcome outcome;
            try {
                HttpPoster.Answer answer = poster.exchange(request);
                outcome = destination.outcome(answer.status(), answer.body(), answer.retryAfter());
                accepted[0] = answer.body();
            } catch (IOException e) {
                outcome = HttpPoster.networkTrouble(e);
            }
            health.record(outcome);
            return outcome;
        }, keepGoing);
        metrics.delivery(destination, result);
        if (result == Retrier.Result.DELIVERED) {
            destination.delivered(alert, t, accepted[0]);
            log.info("sent {}", what);
        }
        return result;
    }
}
