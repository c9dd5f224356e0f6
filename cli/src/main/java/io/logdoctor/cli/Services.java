package io.logdoctor.cli;

import io.logdoctor.records.Topic;
import io.logdoctor.records.TopicCreator;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

/** What the service commands share: topic creation and running until stopped. */
final class Services {

    private Services() {
    }

    /**
     * Creates the pipeline's topics if missing, as {@code topics} says, and waits until they accept writes; with
     * {@code create-topics=false} it only checks that they exist.
     *
     * @throws IllegalArgumentException naming every missing topic and the setting, when it may not create them
     */
    static void createTopics(String bootstrapServers, TopicSettings topics) throws InterruptedException {
        if (topics.create()) {
            createTopics(bootstrapServers, topics.kafkaProperties(), topics.partitions(), topics.replication());
            return;
        }
        Map<String, Object> config = new HashMap<>(topics.kafkaProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            List<String> names = Topics.ALL.stream().map(Topic::name).toList();
            TopicCreator creator = new TopicCreator(admin);
            List<String> missing = creator.missing(names);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException((missing.size() == 1 ? "topic " + missing.get(0) + " does not" : "topics "
                        + String.join(", ", missing) + " do not") + " exist on " + bootstrapServers + " and setting '"
                        + KafkaOptions.CREATE_TOPICS.name() + "' is false: create " + (missing.size() == 1 ? "it" : "them")
                        + " (README, Topics) or set " + KafkaOptions.CREATE_TOPICS.name() + "=true");
            }
            creator.awaitReady(names, Duration.ofSeconds(60));
        }
    }

    /**
     * The topics, checked on their own thread: the producer starts meanwhile, and a restart's exposure is the
     * sum of such steps (issue 11 point 6). Creating is idempotent and also waits until the partitions accept
     * writes (KAFKA-15591). With {@code create-topics=false} a missing topic fails the start here, at once.
     */
    static CompletableFuture<Void> checkTopics(String command, String bootstrapServers, TopicSettings topics) throws InterruptedException {
        if (!topics.create()) {
            timed(command, bootstrapServers, topics);
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            try {
                timed(command, bootstrapServers, topics);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking the topics", e);
            }
        }, runnable -> new Thread(runnable, "logdoctor-topics").start());
    }

    // benchmarks/shipper/common.sh reads this line.
    private static void timed(String command, String bootstrapServers, TopicSettings topics) throws InterruptedException {
        long started = System.nanoTime();
        createTopics(bootstrapServers, topics);
        System.err.println("logdoctor " + command + ": topics checked in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** Creates the pipeline's topics if missing and waits until they accept writes. */
    static void createTopics(String bootstrapServers, Map<String, String> kafkaProperties, int partitions,
                             short replicationFactor) throws InterruptedException {
        Map<String, Object> config = new HashMap<>(kafkaProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            List<Topic<?, ?>> topics = Topics.ALL;
            new TopicCreator(admin).createAll(topics, partitions, replicationFactor, Duration.ofSeconds(60));
        }
    }

    /**
     * Creates a broker's internal topics (__consumer_offsets, __transaction_state) before any client needs
     * them, for the brokers this command starts. Otherwise the first FindCoordinator request of each client
     * makes the broker create them, the demo's shipper, streams app and consumer ask at once (and retry while
     * it is under way), and every request after the first makes the broker log "Auto topic creation failed
     * ... TOPIC_ALREADY_EXISTS" as a WARN. One partition, one replica and compaction, as the embedded broker's
     * own settings (BrokerConfig: offsets.topic.num.partitions, transaction.state.log.num.partitions) give them.
     */
    static void createInternalTopics(String bootstrapServers) throws InterruptedException {
        Map<String, String> compact = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : List.of("__consumer_offsets", "__transaction_state")) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(compact))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) { // a broker restarted on its --data has them
                        throw new IllegalStateException("cannot create " + topic + " on " + bootstrapServers + ": " + e.getCause(), e);
                    }
                }
            }
        }
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes {@code service}. */
    static void runUntilStopped(AutoCloseable service) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("logdoctor: error while stopping: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "logdoctor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
    }
}
