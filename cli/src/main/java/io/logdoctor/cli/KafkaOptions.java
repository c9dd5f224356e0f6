package io.logdoctor.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** The options every service command shares: where Kafka is, and the config file behind the flags. */
final class KafkaOptions {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrapServer;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with any of these settings (keys are the flag names) and kafka.* client settings.")
    Path config;

    /** The settings of this command line, the environment and the config file. */
    Settings settings() throws IOException {
        return Settings.load(config, System.getenv());
    }

    /** The bootstrap servers, from the flag, LOGDOCTOR_BOOTSTRAP_SERVER or the config file. */
    String bootstrapServers(Settings settings) {
        return settings.require("bootstrap-server", bootstrapServer);
    }
}
