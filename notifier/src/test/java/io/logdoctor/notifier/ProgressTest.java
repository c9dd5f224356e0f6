package io.logdoctor.notifier;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commit arithmetic, with queues whose delivery threads are never started. */
class ProgressTest {

    private static final TopicPartition TP = new TopicPartition("diagnoses", 1);
    private final DestinationQueue slack = queue(new SlackWebhook("sre", URI.create("http://127.0.0.1:1/s")));
    private final DestinationQueue pagerDuty = queue(new PagerDuty("oncall", "R0", URI.create("http://127.0.0.1:1/p")));
    private final Progress progress = new Progress();

    private static DestinationQueue queue(Destination d) {
        return new DestinationQueue(d, 10, sleeper -> null, new DestinationHealth(3, Clock.systemUTC()), new PartitionEpochs());
    }

    private static Delivery at(long offset) {
        return new Delivery(TP.partition(), offset, 0, Diagnoses.firing("d-00000000000000000001"), Transition.FIRE);
    }

    @Test
    void shouldCommitWhatEveryDestinationHasAndNoteWhoIsAhead() {
        slack.offer(at(5));
        slack.offer(at(8));
        progress.dispatched(TP, 10);

        OffsetAndMetadata next = progress.next(TP, List.of(slack, pagerDuty));

        assertEquals(new OffsetAndMetadata(5, "v1 pagerduty%3Aoncall=10"), next);
    }

    @Test
    void shouldCommitEverythingHandedOverWhenNothingWaits() {
        progress.dispatched(TP, 10);

        assertEquals(new OffsetAndMetadata(10, "v1"), progress.next(TP, List.of(slack, pagerDuty)));
    }

    @Test
    void shouldNotSendAgainWhatADestinationHadBeforeARestart() {
        progress.assigned(TP, new OffsetAndMetadata(5, "v1 pagerduty%3Aoncall=10"));

        assertTrue(progress.alreadyHas(TP, "pagerduty:oncall", 9));
        assertFalse(progress.alreadyHas(TP, "pagerduty:oncall", 10));
        assertFalse(progress.alreadyHas(TP, "slack:sre", 5));
        progress.dispatched(TP, 7);
        assertEquals(new OffsetAndMetadata(7, "v1 pagerduty%3Aoncall=10"), progress.next(TP, List.of(slack, pagerDuty)),
                "PagerDuty stays ahead while the records it had are read again");
    }

    @Test
    void shouldNotCommitTheSameTwice() {
        progress.dispatched(TP, 10);
        OffsetAndMetadata next = progress.next(TP, List.of(slack, pagerDuty));
        progress.committed(TP, next);

        assertNull(progress.next(TP, List.of(slack, pagerDuty)));
        assertNull(new Progress().next(TP, List.of(slack)), "nothing handed over, nothing to commit");
    }

    @Test
    void shouldReadOnlyItsOwnNotes() {
        assertEquals(Map.of(), Progress.parse(null));
        assertEquals(Map.of(), Progress.parse("written by someone else"));
        assertEquals(Map.of("slack:sre", 12L), Progress.parse("v1 slack%3Asre=12 broken=x"));
    }
}
