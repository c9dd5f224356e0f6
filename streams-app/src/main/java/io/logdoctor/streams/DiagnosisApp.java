package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Topics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/** Runs the diagnosis topology against a Kafka cluster. */
public final class DiagnosisApp implements AutoCloseable {

    /** The application id, and so the consumer group and the prefix of internal topics. */
    public static final String APPLICATION_ID = "logdoctor-streams";
    private static final Logger log = LoggerFactory.getLogger(DiagnosisApp.class);

    private final KafkaStreams streams;

    private DiagnosisApp(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * Starts the app; {@code kafkaProperties} pass through to every client (SASL, TLS) and may
     * override the defaults.
     */
    public static DiagnosisApp start(String bootstrapServers, Path stateDir, SignatureCatalog catalog,
                                     Map<String, String> kafkaProperties) {
        KafkaStreams streams = new KafkaStreams(DiagnosisTopology.build(catalog),
                streamsConfig(bootstrapServers, stateDir, kafkaProperties));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        log.info("streams app started with {} signatures", catalog.signatures().size());
        return new DiagnosisApp(streams);
    }

    static Properties streamsConfig(String bootstrapServers, Path stateDir, Map<String, String> kafkaProperties) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // An undecodable record goes to logs.dlq with the reason in its headers (KIP-1034), and the app goes on.
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.LOGS_DLQ.name());
        p.putAll(kafkaProperties);
        return p;
    }

    /** True once the app is processing. */
    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
