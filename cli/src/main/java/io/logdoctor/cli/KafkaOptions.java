package io.logdoctor.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The options every service command shares: where Kafka is, its topics, and the config file behind the flags. */
final class KafkaOptions {

    static final String DOCS = "README.md";
    static final Setting<String> BOOTSTRAP_SERVER = Setting.of("bootstrap-server", Kind.STRING, null, "Kafka bootstrap servers", DOCS)
            .defaultDescribedAs("(required)");
    static final Setting<Integer> TOPIC_PARTITIONS = Setting.of("topic-partitions", Kind.INT, "3",
            "partitions of each topic the command creates (an existing topic is left as it is)", DOCS);
    static final Setting<Integer> TOPIC_REPLICATION = Setting.of("topic-replication", Kind.INT, "-1",
            "replication factor of each topic the command creates; -1 takes the broker's default.replication.factor", DOCS);
    static final Setting<Boolean> CREATE_TOPICS = Setting.of("create-topics", Kind.BOOLEAN, "true",
            "create missing topics; false for a cluster whose ACLs forbid it: a missing topic then fails the start", DOCS);
    static final List<Setting<?>> SETTINGS = List.of(BOOTSTRAP_SERVER, TOPIC_PARTITIONS, TOPIC_REPLICATION, CREATE_TOPICS);

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrapServer;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with any of these settings (keys are the flag names) and kafka.* client settings.")
    Path config;

    /** The settings of this command line, the environment and the config file, for a one-shot command. */
    Settings settings() throws IOException {
        return settings(ServiceSettings.CLIENT);
    }

    /** The settings of this command line, the environment and the config file, checked against {@code service}'s. */
    Settings settings(ServiceSettings service) throws IOException {
        return Settings.load(config, System.getenv()).checkedFor(service);
    }

    /** The bootstrap servers, from the flag, LOGDOCTOR_BOOTSTRAP_SERVER or the config file. */
    String bootstrapServers(Settings settings) {
        return settings.require(BOOTSTRAP_SERVER, bootstrapServer);
    }

    /** How the command's topics are made: the {@code topic-*} and {@code create-topics} settings. */
    static TopicSettings topics(Settings settings) {
        int partitions = settings.get(TOPIC_PARTITIONS, null);
        int replication = settings.get(TOPIC_REPLICATION, null);
        if (partitions < 1) {
            throw new IllegalArgumentException("setting 'topic-partitions' must be at least 1; was " + partitions);
        }
        if (replication < -1 || replication == 0 || replication > Short.MAX_VALUE) {
            throw new IllegalArgumentException("setting 'topic-replication' must be -1 (the broker's default) or at least 1; was "
                    + replication);
        }
        return new TopicSettings(partitions, (short) replication, settings.get(CREATE_TOPICS, null), settings.kafkaProperties());
    }
}
