package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The consumer thread: poll, deliver each record to its destinations, commit its offset, next.
 *
 * <p>A record's offset is committed only once every destination has it (or refused it for good),
 * so a crash re-reads at most the record in flight. While a delivery waits to retry, the loop keeps
 * polling with every partition paused: the consumer stays in its group however long Slack or
 * PagerDuty are down, and fetches nothing it would then have to hold. A partition taken away
 * mid-delivery (a rebalance) abandons the delivery: its new owner starts from the committed offset.
 */
final class DiagnosisLoop implements Runnable, ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(DiagnosisLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Poll at least this often while delivering, well inside max.poll.interval.ms (5 min by default). */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    private final Consumer<String, Diagnosis> consumer;
    private final MemoryRebuilder rebuilder;
    private final Router router;
    private final Deliverer deliverer;
    private final FiringMemory memory = new FiringMemory();
    /** Bumped when a partition is revoked, so work fetched before is recognised as no longer ours. */
    private final Map<TopicPartition, Integer> epochs = new HashMap<>();
    private volatile boolean stopping;
    private boolean waiting;
    private long lastPoll = System.nanoTime();

    DiagnosisLoop(Consumer<String, Diagnosis> consumer, MemoryRebuilder rebuilder, Router router,
                  HttpPoster poster, Retrier.Factory retriers, NotifierMetrics metrics) {
        this.consumer = consumer;
        this.rebuilder = rebuilder;
        this.router = router;
        this.deliverer = new Deliverer(poster, retriers.create(this::pollPaused), metrics);
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(Topics.DIAGNOSES.name()), this);
        try {
            while (!stopping) {
                try {
                    ConsumerRecords<String, Diagnosis> records = consumer.poll(POLL);
                    lastPoll = System.nanoTime();
                    process(records);
                } catch (RecordDeserializationException e) {
                    skip(e);
                } catch (WakeupException e) {
                    // close() woke us; the loop condition ends it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (KafkaException | IllegalStateException e) {
                    // Positions may now be past records that were never delivered: go back to the last commit.
                    log.error("notifier loop failed; rewinding to the committed offsets and going on", e);
                    rewindToCommitted();
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(10));
            log.info("notifier stopped");
        }
    }

    /** Asks the loop to end; the caller also wakes the consumer up. */
    void stop() {
        stopping = true;
    }

    private void process(ConsumerRecords<String, Diagnosis> records) throws InterruptedException {
        for (TopicPartition tp : records.partitions()) {
            int epoch = epoch(tp);
            BooleanSupplier ours = () -> !stopping && epoch(tp) == epoch;
            for (ConsumerRecord<String, Diagnosis> r : records.records(tp)) {
                if (!ours.getAsBoolean() || !handle(r, ours) || !commit(tp, r.offset() + 1)) {
                    break;
                }
                if (System.nanoTime() - lastPoll > KEEP_ALIVE.toNanos()) {
                    pollPaused(Duration.ZERO);
                }
            }
        }
    }

    /** Delivers one record everywhere it is routed; false if abandoned. */
    private boolean handle(ConsumerRecord<String, Diagnosis> r, BooleanSupplier ours) throws InterruptedException {
        Diagnosis d = r.value();
        String id = r.key() != null ? r.key() : d == null ? null : d.id();
        Transition t = memory.classify(r.partition(), id, d);
        if (t == Transition.NONE && d != null) {
            log.warn("diagnosis {} at {}-{} has status '{}', neither firing nor resolved: not sent", id, r.topic(), r.offset(), d.status());
        }
        if (t != Transition.NONE && t != Transition.REPEAT) {
            List<Destination> destinations = router.destinations(d);
            if (destinations.isEmpty()) {
                log.info("{} {} ({}, {}): no route matches, not sent", t, id, d.signature(), d.severity());
            }
            for (Destination destination : destinations) {
                if (deliverer.deliver(destination, d, t, ours) == Retrier.Result.ABORTED) {
                    return false;
                }
            }
        }
        memory.apply(r.partition(), id, d);
        return true;
    }

    private boolean commit(TopicPartition tp, long next) {
        try {
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(next)));
            return true;
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The partition is moving; whoever gets it re-reads from the previous commit.
            log.warn("could not commit {} at {} ({}); the record will be read again", tp, next, e.getMessage());
            return false;
        }
    }

    /**
     * The retry wait: poll with every partition paused until {@code duration} is over, so the group
     * keeps this member. Records fetched anyway (a partition assigned during the wait) are put back.
     */
    void pollPaused(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        waiting = true;
        consumer.pause(consumer.assignment());
        try {
            do {
                long left = Math.max(0, end - System.nanoTime());
                ConsumerRecords<String, Diagnosis> stray = consumer.poll(Duration.ofNanos(Math.min(left, Duration.ofSeconds(1).toNanos())));
                lastPoll = System.nanoTime();
                for (TopicPartition tp : stray.partitions()) {
                    consumer.seek(tp, stray.records(tp).get(0).offset());
                }
            } while (!stopping && System.nanoTime() < end);
        } finally {
            waiting = false;
            consumer.resume(consumer.assignment());
        }
    }

    private void skip(RecordDeserializationException e) {
        log.error("skipping {} offset {}: not a diagnosis: {}", e.topicPartition(), e.offset(), e.getMessage());
        consumer.seek(e.topicPartition(), e.offset() + 1);
        commit(e.topicPartition(), e.offset() + 1);
    }

    private void rewindToCommitted() {
        Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition tp : assigned) {
            OffsetAndMetadata o = committed.get(tp);
            if (o == null) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seek(tp, o.offset());
            }
        }
    }

    private int epoch(TopicPartition tp) {
        return epochs.getOrDefault(tp, 0);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            epochs.merge(tp, 1, Integer::sum);
            memory.forget(tp.partition());
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        if (waiting) {
            consumer.pause(partitions);
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata o = committed.get(tp);
            rebuilder.rebuild(tp, o == null ? 0 : o.offset(), memory);
        }
        log.info("assigned {}", partitions);
    }
}
