package io.logdoctor.cli;

import io.logdoctor.records.Topic;
import io.logdoctor.records.TopicCreator;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

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
