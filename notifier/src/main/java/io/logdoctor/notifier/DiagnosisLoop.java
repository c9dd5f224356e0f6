package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The consumer thread: poll, hand each record's transition to the queue of every destination it is
 * routed to, and commit what every destination has done ({@link Progress}).
 *
 * <p>Each destination sends from its own queue on its own thread ({@link DestinationQueue}), so a
 * destination that fails holds back only itself. The promises stay: an offset is committed only once
 * every destination has the records before it (or refused them for good), and what is sent is decided
 * here, in partition order, against {@link FiringMemory}, so a firing is triggered once. When a
 * queue is full, every partition is paused and the records not handed over are read again later; the
 * loop keeps polling, so the consumer stays in its group however long a destination is down. A
 * partition taken away (a rebalance) has its queued deliveries dropped: its new owner starts from
 * the committed offset and the commit's note of what each destination already has.
 */
final class DiagnosisLoop implements Runnable, ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(DiagnosisLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<String, Diagnosis> consumer;
    private final String topic;
    private final MemoryRebuilder rebuilder;
    private final Router router;
    private final Map<Destination, DestinationQueue> queues;
    private final FiringMemory memory = new FiringMemory();
    private final Progress progress = new Progress();
    private final PartitionEpochs epochs;
    private volatile boolean stopping;
    private volatile boolean full;

    DiagnosisLoop(Consumer<String, Diagnosis> consumer, String topic, MemoryRebuilder rebuilder, Router router,
                  Map<Destination, DestinationQueue> queues, PartitionEpochs epochs) {
        this.consumer = consumer;
        this.topic = topic;
        this.epochs = epochs;
        this.rebuilder = rebuilder;
        this.router = router;
        this.queues = Map.copyOf(queues);
    }

    /** True while reading is paused because a destination's queue is full. */
    boolean blocked() {
        return full;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(topic), this);
        try {
            while (!stopping) {
                try {
                    resumeIfRoom();
                    dispatch(consumer.poll(POLL));
                    commit(consumer.assignment());
                } catch (RecordDeserializationException e) {
                    skip(e);
                } catch (WakeupException e) {
                    // close() woke us; the loop condition ends it
                } catch (KafkaException | IllegalStateException e) {
                    // Positions may now be past records that were never handed over: go back to where we were.
                    if (e instanceof RetriableException || e instanceof CommitFailedException) {
                        // Kafka away or a rebalance: expected, the reason is enough
                        log.warn("notifier loop: {}; rewinding to what was handed over and going on", e.toString());
                    } else {
                        log.error("notifier loop failed; rewinding to what was handed over and going on", e);
                    }
                    rewind();
                }
            }
            commit(consumer.assignment());
        } catch (KafkaException e) {
            log.warn("last commit before stopping failed ({}); the records since the previous one will be read again", e.getMessage());
        } finally {
            // Leave even as a static member: a clean stop is a rollout or a scale-down, and the new pod has
            // another name, so staying would leave these partitions unread until the session times out.
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(10)));
            log.info("notifier stopped");
        }
    }

    /** Asks the loop to end; the caller also wakes the consumer up. */
    void stop() {
        stopping = true;
    }

    private void dispatch(ConsumerRecords<String, Diagnosis> records) {
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, Diagnosis>> batch = records.records(tp);
            for (ConsumerRecord<String, Diagnosis> r : batch) {
                if (full || !dispatch(tp, r)) {
                    // not handed over: read it again once there is room
                    consumer.seek(tp, r.offset());
                    if (!full) {
                        full = true;
                        consumer.pause(consumer.assignment());
                        log.warn("a destination's queue is full ({}); reading paused until it has room", describeQueues());
                    }
                    break;
                }
            }
        }
    }

    /** Hands one record's transition to its destinations' queues; false, and nothing handed over, if one is full. */
    private boolean dispatch(TopicPartition tp, ConsumerRecord<String, Diagnosis> r) {
        Diagnosis d = r.value();
        String id = r.key() != null ? r.key() : d == null ? null : d.id();
        Transition t = memory.classify(r.partition(), id, d);
        if (t == Transition.NONE && d != null && !IncidentView.HELD.equals(d.status())) {
            log.warn("diagnosis {} at {}-{} has status '{}', neither firing nor resolved: not sent", id, r.topic(), r.offset(), d.status());
        }
        List<DestinationQueue> targets = new ArrayList<>();
        // A repeat goes to the queues too: most kinds send nothing for it, Alertmanager refreshes endsAt.
        if (t != Transition.NONE) {
            List<Destination> destinations = router.destinations(d);
            if (destinations.isEmpty() && t != Transition.REPEAT) {
                log.info("{} {} ({}, {}): no route matches, not sent", t, id, d.signature(), d.severity());
            }
            for (Destination destination : destinations) {
                DestinationQueue q = queues.get(destination);
                if (q != null && !progress.alreadyHas(tp, destination.toString(), r.offset())) {
                    targets.add(q);
                }
            }
        }
        if (!targets.stream().allMatch(DestinationQueue::hasRoom)) {
            return false;
        }
        Delivery delivery = new Delivery(r.partition(), r.offset(), epochs.current(r.partition()), d, t);
        // only this thread offers, so the room just seen is still there
        targets.forEach(q -> q.offer(delivery));
        memory.apply(r.partition(), id, d);
        progress.dispatched(tp, r.offset() + 1);
        return true;
    }

    private void resumeIfRoom() {
        if (full && queues.values().stream().allMatch(DestinationQueue::hasRoom)) {
            full = false;
            consumer.resume(consumer.assignment());
            log.info("queues have room again; reading resumed");
        }
    }

    /** Commits, for each partition, what every destination has done; a partition that moved is left to its new owner. */
    private void commit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata next = progress.next(tp, queues.values());
            if (next != null) {
                commits.put(tp, next);
            }
        }
        if (commits.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(commits);
            commits.forEach(progress::committed);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            log.warn("could not commit {} ({}); those records will be read again", commits, e.getMessage());
        }
    }

    private void skip(RecordDeserializationException e) {
        log.error("skipping {} offset {}: not a diagnosis: {}", e.topicPartition(), e.offset(), e.getMessage());
        consumer.seek(e.topicPartition(), e.offset() + 1);
        progress.dispatched(e.topicPartition(), e.offset() + 1);
    }

    private void rewind() {
        Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition tp : assigned) {
            long at = progress.resumeAt(tp);
            OffsetAndMetadata o = committed.get(tp);
            if (at >= 0) {
                consumer.seek(tp, at);
            } else if (o == null) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seek(tp, o.offset());
            }
        }
    }

    private String describeQueues() {
        return queues.values().stream().map(q -> q.destination() + " " + q.size() + " queued, " + q.health().describe())
                .collect(Collectors.joining("; "));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        try {
            commit(partitions);
        } catch (KafkaException e) {
            log.warn("could not commit {} before giving it up ({}); its new owner reads from the previous commit", partitions, e.getMessage());
        }
        lose(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        lose(partitions);
    }

    private void lose(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new HashSet<>();
        for (TopicPartition tp : partitions) {
            epochs.bump(tp.partition());
            numbers.add(tp.partition());
            memory.forget(tp.partition());
            progress.forget(tp);
        }
        queues.values().forEach(q -> q.drop(numbers));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        if (full) {
            consumer.pause(partitions);
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        Map<TopicPartition, Long> upTo = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata o = committed.get(tp);
            progress.assigned(tp, o);
            upTo.put(tp, o == null ? 0L : o.offset());
        }
        // All at once, with one reader: a restart after a kill should deliver within seconds.
        rebuilder.rebuild(upTo, memory);
        log.info("assigned {}", partitions);
    }
}
