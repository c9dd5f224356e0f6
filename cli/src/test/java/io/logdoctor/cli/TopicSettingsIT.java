package io.logdoctor.cli;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.records.Topic;
import io.logdoctor.records.TopicCreator;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The topic settings on a broker of its own (the shared one has every topic already): partitions and
 * replication of the topics a service creates, and create-topics=false for a cluster that forbids creating.
 */
class TopicSettingsIT {

    private static final List<String> ALL = Topics.ALL.stream().map(Topic::name).toList();

    @Test
    void shouldOnlyCheckTheTopicsWhenItMayNotCreateThem(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            String bootstrap = kafka.bootstrapServers();
            TopicSettings locked = new TopicSettings(3, (short) 1, false, Map.of());

            assertEquals("topics " + String.join(", ", ALL) + " do not exist on " + bootstrap + " and setting 'create-topics' is false: "
                    + "create them (README, Topics) or set create-topics=true",
                    assertThrows(IllegalArgumentException.class, () -> Services.createTopics(bootstrap, locked)).getMessage());

            // An administrator made all but one.
            new TopicCreator(admin).createAll(Topics.ALL.stream().filter(t -> t != Topics.SILENCES).toList(), 1, (short) 1,
                    Duration.ofSeconds(60));
            assertEquals("topic silences does not exist on " + bootstrap + " and setting 'create-topics' is false: "
                    + "create it (README, Topics) or set create-topics=true",
                    assertThrows(IllegalArgumentException.class, () -> Services.createTopics(bootstrap, locked)).getMessage());

            // The command line says the same, with the exit code of a usage error, before anything is published.
            Path config = Files.writeString(dir.resolve("locked.properties"), "create-topics=false\ntopic-partitions=2\n");
            Console push = Console.run("signatures", "push", "--bootstrap-server", bootstrap, "--config", config.toString(),
                    Path.of("..", "patterns", "catalog").toString());
            assertEquals(2, push.exitCode(), push.err());
            assertTrue(push.err().contains("topic silences does not exist on " + bootstrap + " and setting 'create-topics' is false"),
                    push.err());

            // Allowed to create, it makes the missing one as the settings say and leaves the others as they are.
            Services.createTopics(bootstrap, new TopicSettings(2, (short) 1, true, Map.of()));
            Map<String, TopicDescription> topics = admin.describeTopics(ALL).allTopicNames().get();
            assertEquals(2, topics.get("silences").partitions().size());
            assertEquals(1, topics.get("logs.raw").partitions().size());
            assertEquals(1, topics.get("silences").partitions().get(0).replicas().size());

            Services.createTopics(bootstrap, locked); // all there now: passes
        }
    }
}
