package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.ServiceMetrics;
import io.logdoctor.records.HttpOptions;
import io.logdoctor.records.KafkaReachability;
import io.logdoctor.records.Topics;
import io.logdoctor.records.Redactor;
import org.apache.kafka.clients.producer.ProducerConfig;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/** Runs the diagnosis topology against a Kafka cluster, with the signature watcher and the HTTP endpoints. */
public final class DiagnosisApp implements AutoCloseable {

    /** The application id, and so the consumer group and the prefix of internal topics. */
    public static final String APPLICATION_ID = "logdoctor-streams";
    private static final Logger log = LoggerFactory.getLogger(DiagnosisApp.class);

    /**
     * How to run the app.
     *
     * @param catalog          the catalogue to start from (the bundled one, or a directory's)
     * @param watchSignatures  follow the signatures topic and swap the catalogue when it changes
     * @param httpPort         port of /healthz, /metrics, /diagnoses, /signatures; -1 for none, 0 for any
     * @param advertisedHost   the host other instances reach this one's HTTP port at
     * @param http             bind address, read timeout, workers and bearer token of the HTTP endpoints
     * @param kafkaProperties  passed to every client (SASL, TLS), may override the defaults
     * @param incidents        group_wait, group_interval, repeat_interval and the global group_by of incidents
     */
    public record Options(String bootstrapServers, Path stateDir, SignatureCatalog catalog, boolean watchSignatures,
                          int httpPort, String advertisedHost, HttpOptions http, Duration repeatInterval,
                          Map<String, String> kafkaProperties, IncidentTiming incidents) {

        /** With the default incident timing. */
        public Options(String bootstrapServers, Path stateDir, SignatureCatalog catalog, boolean watchSignatures, int httpPort,
                       String advertisedHost, HttpOptions http, Duration repeatInterval, Map<String, String> kafkaProperties) {
            this(bootstrapServers, stateDir, catalog, watchSignatures, httpPort, advertisedHost, http, repeatInterval,
                    kafkaProperties, IncidentTiming.DEFAULTS);
        }

        /** Watching the signatures topic, no HTTP, the default repeat interval, no extra Kafka settings. */
        public static Options of(String bootstrapServers, Path stateDir, SignatureCatalog catalog) {
            return new Options(bootstrapServers, stateDir, catalog, true, -1, "127.0.0.1", HttpOptions.defaults(),
                    DiagnosisTopology.REPEAT_INTERVAL, Map.of(), IncidentTiming.DEFAULTS);
        }

        public Options withHttp(int port, String advertisedHost) {
            return new Options(bootstrapServers, stateDir, catalog, watchSignatures, port, advertisedHost, http, repeatInterval,
                    kafkaProperties, incidents);
        }

        public Options withHttpOptions(HttpOptions options) {
            return new Options(bootstrapServers, stateDir, catalog, watchSignatures, httpPort, advertisedHost, options, repeatInterval,
                    kafkaProperties, incidents);
        }

        public Options withKafkaProperties(Map<String, String> properties) {
            return new Options(bootstrapServers, stateDir, catalog, watchSignatures, httpPort, advertisedHost, http, repeatInterval,
                    properties, incidents);
        }

        public Options withIncidents(IncidentTiming timing) {
            return new Options(bootstrapServers, stateDir, catalog, watchSignatures, httpPort, advertisedHost, http, repeatInterval,
                    kafkaProperties, timing);
        }

        public Options withRepeatInterval(Duration interval) {
            return new Options(bootstrapServers, stateDir, catalog, watchSignatures, httpPort, advertisedHost, http, interval,
                    kafkaProperties, incidents);
        }
    }

    private final KafkaStreams streams;
    private final SignatureTopicWatcher watcher;
    private final StreamsHttpServer http;
    private final ServiceMetrics metrics;
    private final KafkaReachability kafka;

    private DiagnosisApp(KafkaStreams streams, SignatureTopicWatcher watcher, StreamsHttpServer http, ServiceMetrics metrics,
                         KafkaReachability kafka) {
        this.streams = streams;
        this.watcher = watcher;
        this.http = http;
        this.metrics = metrics;
        this.kafka = kafka;
    }

    /** Starts the app over a fixed catalogue, without HTTP: the shape tests and the demo use. */
    public static DiagnosisApp start(String bootstrapServers, Path stateDir, SignatureCatalog catalog,
                                     Map<String, String> kafkaProperties) {
        return start(Options.of(bootstrapServers, stateDir, catalog).withKafkaProperties(kafkaProperties));
    }

    /** Starts the app: catches up with the signatures topic first, then processes. */
    public static DiagnosisApp start(Options options) {
        CatalogHolder holder = new CatalogHolder(options.catalog());
        AppMetrics metrics = new AppMetrics(ServiceMetrics.create());
        SignatureTopicWatcher watcher = null;
        if (options.watchSignatures()) {
            watcher = new SignatureTopicWatcher(options.bootstrapServers(), options.kafkaProperties(),
                    new CatalogUpdater(options.catalog().root(), options.catalog()), holder);
            watcher.start(Duration.ofSeconds(30));
            metrics.gauge("logdoctor_signatures_rejected_total", "Catalogue updates from the signatures topic refused as invalid.",
                    watcher::rejected);
        }
        metrics.gauge("logdoctor_catalog_version", "The version of the catalogue loaded (1 at start, +1 per swap).",
                () -> holder.version().number());
        metrics.gauge("logdoctor_signatures_loaded", "Signatures in the loaded catalogue.", () -> holder.get().signatures().size());
        holder.get().signatures().forEach(s -> metrics.matches(s.id()));
        // Counted per catalogue version (a swap starts at 0), so a gauge.
        metrics.gauge("logdoctor_regex_budget_trips", "Lines whose regex work ran over the per-line budget, since the "
                + "catalogue was loaded.", () -> holder.get().matcher().budgetTrips());
        metrics.gauge("logdoctor_signatures_disabled", "Signatures turned off because their regex kept running out of budget "
                + "(until the catalogue changes).", () -> holder.get().matcher().disabled().size());
        metrics.gauge("logdoctor_redaction_over_budget_total", "Evidence lines masked whole because redacting them ran out "
                + "of its work allowance.", Redactor::overBudget);
        Properties config = streamsConfig(options.bootstrapServers(), options.stateDir(), options.kafkaProperties());
        config.put(DeadLetters.COUNTER_CONFIG, metrics); // Streams makes the handlers; they count into this app's metrics
        if (options.httpPort() >= 0) {
            config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, options.advertisedHost() + ":" + options.httpPort());
        }
        KafkaStreams streams = new KafkaStreams(DiagnosisTopology.build(holder, options.repeatInterval(), options.incidents(), metrics), config);
        ThreadFailures failures = new ThreadFailures(System::currentTimeMillis);
        metrics.gauge("logdoctor_stream_thread_failures_total", "Stream threads that died and were replaced.", failures::total);
        KafkaReachability kafka = KafkaReachability.start("streams", options.bootstrapServers(), options.kafkaProperties());
        Readiness readiness = new Readiness(streams::state, failures, kafka::problem);
        metrics.gauge("logdoctor_ready", "1 while /readyz answers 200.", () -> readiness.problem() == null ? 1 : 0);
        metrics.gauge("logdoctor_consumer_lag_records", "Records of logs.raw not read yet, over this instance's partitions.",
                () -> ConsumerLag.records(streams.metrics()));
        metrics.registry().bindClosing(new KafkaStreamsMetrics(streams)); // its clients' metrics, consumer lag per partition too
        streams.setUncaughtExceptionHandler(e -> {
            failures.record(e);
            log.error("stream thread failed; replacing it ({} failures so far)", failures.total(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        StreamsHttpServer http = null;
        try {
            if (options.httpPort() >= 0) {
                http = new StreamsHttpServer(options.httpPort(), options.http(),
                        new HostInfo(options.advertisedHost(), options.httpPort()), streams, holder, metrics,
                        readiness::handle);
            }
        } catch (IOException e) {
            if (watcher != null) {
                watcher.close();
            }
            kafka.close();
            throw new UncheckedIOException("cannot listen on HTTP port " + options.httpPort(), e);
        }
        streams.start();
        log.info("streams app started with {} signatures", holder.get().signatures().size());
        return new DiagnosisApp(streams, watcher, http, metrics.registry(), kafka);
    }

    static Properties streamsConfig(String bootstrapServers, Path stateDir, Map<String, String> kafkaProperties) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // A record that cannot be decoded, processed or produced goes to logs.dlq with the reason in its
        // headers (KIP-1033, KIP-1034), and the app goes on: no record can stop a stream thread.
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true); // the default from Kafka 5.0
        // Also for the main consumer: its partition assignor builds a second StreamsConfig from the consumer's
        // settings alone (ClientUtils.QuietStreamsConfig in AssignorConfiguration, Kafka 4.3), which warns at
        // every start that the flag is off unless the consumer's settings carry it too.
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class.getName());
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.LOGS_DLQ.name());
        // logs.raw and logs.dlq take records up to 8 MiB: a dead letter carries the original bytes (DeadLetters cuts
        // them to fit). Every other record the app produces is bounded well under the topics' 1 MiB beforehand
        // (Excerpt, DiagnosisSize): under exactly-once, one refused record fails its whole transaction.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.MAX_RECORD_BYTES);
        // Native memory bounded for the whole app, not per store and partition (BoundedRocksDb).
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName());
        p.putAll(kafkaProperties);
        return p;
    }

    /** True once the app is processing. */
    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** The HTTP port, or -1 without HTTP. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        streams.close(Duration.ofSeconds(30));
        if (watcher != null) {
            watcher.close();
        }
        kafka.close();
        metrics.close();
    }
}
