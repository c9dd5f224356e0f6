package io.logdoctor.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/** Sends one transition of one diagnosis to a destination, with retries, telling the destination's health each attempt. */
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

    /** Delivers, or returns at once with DELIVERED when this transition means nothing for the destination. */
    Retrier.Result deliver(Destination destination, Diagnosis d, Transition t, BooleanSupplier keepGoing)
            throws InterruptedException {
        ObjectNode body;
        URI uri;
        if (destination instanceof Destination.Slack slack) {
            body = SlackMessage.build(d, t);
            uri = slack.webhookUrl();
        } else {
            Destination.PagerDuty pd = (Destination.PagerDuty) destination;
            body = PagerDutyEvent.build(d, t, pd.routingKey());
            uri = pd.eventsUrl();
        }
        if (body == null) {
            return Retrier.Result.DELIVERED;
        }
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
        String what = t + " " + d.id() + " (" + d.signature() + ") to " + destination;
        Retrier.Result result = retrier.run(what, () -> {
            Outcome outcome = poster.post(uri, json);
            health.record(outcome);
            return outcome;
        }, keepGoing);
        metrics.delivery(destination, result);
        if (result == Retrier.Result.DELIVERED) {
            log.info("sent {}", what);
        }
        return result;
    }
}
