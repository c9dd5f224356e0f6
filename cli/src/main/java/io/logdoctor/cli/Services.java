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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

/** What the service commands share: topic creation and running until stopped. */
final class Services {

    private Services() {
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
