package io.logdoctor.records;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Creates the pipeline's topics explicitly (auto-create stays off) and waits until every partition
 * answers a list-offsets request. Producing into a partition the broker has not finished creating
 * can lose the first batches of an idempotent producer (KAFKA-15591, fixed only in Kafka 4.5).
 */
public final class TopicCreator {

    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);

    private final Admin admin;

    public TopicCreator(Admin admin) {
        this.admin = admin;
    }

    /**
     * Creates each topic that does not exist yet, then waits until all of them are ready. A
     * replication factor of -1 takes the broker's default.
     */
    public void createAll(List<Topic<?, ?>> topics, int partitions, short replicationFactor, Duration timeout)
            throws InterruptedException {
        List<NewTopic> wanted = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            wanted.add(new NewTopic(topic.name(), partitions, replicationFactor).configs(topic.configs()));
        }
        admin.createTopics(wanted).values().forEach((name, future) -> {
            try {
                future.get();
                log.info("created topic {}", name);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + name, e);
            }
        });
        awaitReady(topics.stream().map(Topic::name).toList(), timeout);
    }

    /**
     * The names among {@code topicNames} the cluster does not have, for a client that must not create them
     * (a cluster whose ACLs grant no Create). Any other failure to describe one (not authorized) is thrown.
     */
    public List<String> missing(List<String> topicNames) throws InterruptedException {
        List<String> missing = new ArrayList<>();
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topicNames).topicNameValues();
        for (String name : topicNames) { // in the caller's order, so a message lists them as the caller does
            try {
                described.get(name).get();
            } catch (ExecutionException failed) {
                if (!(failed.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe topic " + name + ": " + failed.getCause().getMessage(), failed);
                }
                missing.add(name);
            }
        }
        return missing;
    }

    /** Waits until every partition of the named topics answers list-offsets. */
    public void awaitReady(List<String> topicNames, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                admin.describeTopics(topicNames).allTopicNames().get().forEach((name, description) ->
                        description.partitions().forEach(p ->
                                request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                admin.listOffsets(request).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + topicNames + " not ready: " + e.getCause(), e);
                }
                Thread.sleep(20);
            }
        }
    }
}
