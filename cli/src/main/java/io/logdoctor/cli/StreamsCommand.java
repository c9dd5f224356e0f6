package io.logdoctor.cli;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.HttpOptions;
import io.logdoctor.streams.DiagnosisApp;
import io.logdoctor.streams.IncidentTiming;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code logdoctor streams}: the diagnosis topology against a Kafka cluster. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Run the streams app: logs.raw -> signatures -> diagnoses. Settings also come from "
                + "LOGDOCTOR_* environment variables and the --config file.")
final class StreamsCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HttpFlags http;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Local state (default: ~/.logdoctor/streams).")
    String stateDir;

    @Option(names = "--signatures", paramLabel = "DIR", description = "A signature catalogue directory to start from (default: the bundled catalogue); the signatures topic overlays it.")
    String signatures;

    @Option(names = "--http-port", paramLabel = "N", description = "Port of /healthz, /metrics, /diagnoses, /signatures, /incidents, /silences (default: 8080; -1 for none). "
            + "LOGDOCTOR_HTTP_TOKEN (or http-token= in the --config file) makes /diagnoses and /signatures ask for it as a bearer token.")
    String httpPort;

    @Option(names = "--advertised-host", paramLabel = "HOST", description = "The host other instances reach this one's HTTP port at (default: POD_IP, else the host name).")
    String advertisedHost;

    @Option(names = "--repeat-interval", paramLabel = "DURATION", description = "While a diagnosis keeps firing, re-emit it at most this often (e.g. 30m; default: 1h).")
    String repeatInterval;

    @Option(names = "--group-wait", paramLabel = "DURATION", description = "A new incident waits this long for more members before it is sent (default: 30s).")
    String groupWait;

    @Option(names = "--group-interval", paramLabel = "DURATION", description = "Members joining or leaving an incident are sent at most this often (default: 5m).")
    String groupInterval;

    @Option(names = "--incident-repeat-interval", paramLabel = "DURATION", description = "An incident that keeps firing unchanged is sent again this often (default: 4h).")
    String incidentRepeat;

    @Option(names = "--group-by", paramLabel = "LABELS", description = "Labels that split diagnoses into incidents when a signature has no group_by (default: cluster,namespace,workload,function).")
    String groupBy;

    @Override
    public Integer call() throws Exception {
        Settings settings = kafka.settings(ServiceSettings.STREAMS);
        String bootstrap = kafka.bootstrapServers(settings);
        Path state = settings.get(StreamsSettings.STATE_DIR, stateDir);
        Path catalogDir = settings.get(StreamsSettings.SIGNATURES, signatures);
        int port = settings.get(StreamsSettings.HTTP_PORT, httpPort);
        String host = settings.get(StreamsSettings.ADVERTISED_HOST, advertisedHost);
        IncidentTiming timing = new IncidentTiming(
                settings.get(StreamsSettings.GROUP_WAIT, groupWait),
                settings.get(StreamsSettings.GROUP_INTERVAL, groupInterval),
                settings.get(StreamsSettings.INCIDENT_REPEAT_INTERVAL, incidentRepeat),
                settings.get(StreamsSettings.GROUP_BY, groupBy));
        Duration repeat = settings.get(StreamsSettings.REPEAT_INTERVAL, repeatInterval);
        HttpOptions httpOptions = http.options(settings);
        TopicSettings topics = KafkaOptions.topics(settings);
        SignatureCatalog catalog = catalogDir == null ? SignatureCatalog.bundled() : SignatureCatalog.load(Inputs.catalogueDir(catalogDir));
        Services.createTopics(bootstrap, topics);
        host = host != null ? host : System.getenv().getOrDefault("POD_IP", InetAddress.getLocalHost().getHostName());
        DiagnosisApp app = DiagnosisApp.start(DiagnosisApp.Options.of(bootstrap,
                        state != null ? state : Path.of(System.getProperty("user.home"), ".logdoctor", "streams"), catalog)
                .withHttp(port, host)
                .withHttpOptions(httpOptions)
                .withRepeatInterval(repeat)
                .withIncidents(timing)
                .withKafkaProperties(streamsProperties(settings.kafkaProperties(), topics)));
        System.err.println("logdoctor streams: running against " + bootstrap + " with " + startingCatalogue(catalog, catalogDir == null ? null : catalogDir.toString())
                + (port >= 0 ? "; http://" + host + ":" + app.httpPort() + "/diagnoses" : "") + "; Ctrl-C stops it");
        Services.runUntilStopped(app);
        return 0;
    }

    /**
     * The Kafka properties of the app: its own internal topics (changelogs, repartition) get the replication
     * factor of topic-replication unless kafka.replication.factor says otherwise (Kafka Streams' default, -1,
     * is the broker's, as topic-replication's is).
     */
    static Map<String, String> streamsProperties(Map<String, String> kafkaProperties, TopicSettings topics) {
        Map<String, String> props = new TreeMap<>(kafkaProperties);
        props.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, String.valueOf(topics.replication()));
        return props;
    }

    /** What the app starts from, as its start-up line says it: the topic's pushed signatures come on top. */
    static String startingCatalogue(SignatureCatalog catalog, String catalogDir) {
        return catalog.signatures().size() + (catalogDir == null ? " bundled signatures" : " signatures from " + catalogDir);
    }
}
