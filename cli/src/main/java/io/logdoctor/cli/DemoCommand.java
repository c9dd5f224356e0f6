package io.logdoctor.cli;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.HttpOptions;
import io.logdoctor.records.Topics;
import io.logdoctor.shipper.events.EventsConfig;
import io.logdoctor.shipper.journal.JournalConfig;
import io.logdoctor.shipper.lambda.LambdaConfig;
import io.logdoctor.shipper.lambda.LambdaReceiver;
import io.logdoctor.shipper.LogShipper;
import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.streams.DiagnosisApp;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code logdoctor demo}: the whole pipeline on one machine. A real embedded broker, the streams app
 * and the shipper over the bundled sample incidents; prints each diagnosis as it arrives and exits 0
 * once every expected one is in.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the pipeline end to end on an embedded Kafka broker over the sample incidents and print the diagnoses.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the diagnosis records as JSON lines instead of readable text.")
    boolean json;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "Sample directory holding pods/, lambda/ and expected-diagnoses.txt (default: the samples/ of this checkout).")
    Path samples;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Give up after this many seconds without every expected diagnosis (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Path sampleDir = samples != null ? samples : Path.of(System.getProperty("logdoctor.home", ".")).resolve("samples");
        JournalConfig journal = sampleJournal(sampleDir.resolve("journal"));
        EventsConfig events = sampleEvents(sampleDir.resolve("events"));
        List<Path> expectations = new ArrayList<>(List.of(sampleDir.resolve("expected-diagnoses.txt")));
        if (journal != null) {
            expectations.add(sampleDir.resolve("journal/expected-diagnoses.txt"));
        }
        if (events != null) {
            expectations.add(sampleDir.resolve("events/expected-diagnoses.txt"));
        }
        ExpectedDiagnoses expected = ExpectedDiagnoses.read(expectations.toArray(Path[]::new));
        Path podsRoot = sampleDir.resolve("pods");
        if (!Files.isDirectory(podsRoot)) {
            throw new IOException("sample pod logs " + podsRoot + " do not exist");
        }
        // Not under /tmp: Kafka Streams warns that an OS temp dir may be cleaned under its feet. Not under
        // logdoctor.home either: a release unpacked in /opt is read-only to its users.
        Path parent = Path.of(System.getProperty("user.home"), ".logdoctor");
        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, "demo-");
        long started = System.nanoTime();
        status("starting an embedded Kafka broker (KRaft) ...");
        try (EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafka.Options.defaults())) {
            String bootstrap = broker.bootstrapServers();
            status("broker ready at " + bootstrap + "; creating topics " + Topics.ALL.stream().map(t -> t.name()).toList());
            Services.createTopics(bootstrap, Map.of(), 3, (short) 1);
            Services.createInternalTopics(bootstrap);
            SignatureCatalog catalog = SignatureCatalog.bundled();
            status("starting the streams app with " + catalog.signatures().size() + " signatures and the shipper over " + podsRoot);
            String accessKey = UUID.randomUUID().toString();
            try (DiagnosisApp app = DiagnosisApp.start(bootstrap, work.resolve("streams"), catalog, Map.of());
                 LogShipper shipper = LogShipper.start(ShipperConfig.defaults(bootstrap, podsRoot, work.resolve("shipper"))
                         .withCluster("demo").withNode("demo-node").withJournal(journal).withEvents(events));
                 // Both of the receiver's endpoints guarded, as in production: the demo only uses /firehose.
                 LambdaReceiver lambda = LambdaReceiver.start(LambdaConfig.of(bootstrap, 0, accessKey)
                         .withHttp(HttpOptions.defaults().withBearerToken(UUID.randomUUID().toString())));
                 KafkaConsumer<String, Diagnosis> diagnoses = diagnosisConsumer(bootstrap)) {
                for (Path payload : lambdaPayloads(sampleDir.resolve("lambda"))) {
                    int lambdaEvents = DemoFirehose.deliver(lambda.port(), accessKey, payload);
                    status("delivered " + payload.getFileName() + " (" + lambdaEvents + " Lambda log events) through the Firehose endpoint on :" + lambda.port());
                }
                status("waiting for " + expected.total() + " diagnoses (timeout " + timeoutSeconds + "s)\n");
                return await(expected, diagnoses, shipper, started);
            }
        } finally {
            deleteTree(work);
        }
    }

    private int await(ExpectedDiagnoses expected, KafkaConsumer<String, Diagnosis> diagnoses, LogShipper shipper,
                      long started) {
        DiagnosisPrinter printer = new DiagnosisPrinter(System.out, json);
        long deadline = started + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (!expected.complete() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, Diagnosis> record : diagnoses.poll(Duration.ofMillis(200))) {
                printer.print(record.value());
                expected.seen(record.value());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!expected.complete()) {
            System.err.printf("logdoctor demo: FAILED after %.0fs: %d of %d expected diagnoses did not arrive: %s "
                            + "(the shipper sent %d lines). Rerun with a larger --timeout on a slow machine.%n",
                    seconds, expected.missing().size(), expected.total(), expected.missing(), shipper.linesShipped());
            return 1;
        }
        status(String.format("all %d expected diagnoses arrived in %.1fs (%d log lines shipped); stopping",
                expected.total(), seconds, shipper.linesShipped()));
        return 0;
    }

    /**
     * The sample node journal (kubelet's CrashLoopBackOff, the kernel's OOM kill), read from its start, or null,
     * with one INFO line saying why, when there is none or journalctl is missing.
     */
    private static JournalConfig sampleJournal(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        JournalConfig journal = JournalConfig.defaults().withDirectory(dir).withStart(null);
        String missing = journal.unavailable();
        if (missing != null) {
            status("INFO: the sample node journal is skipped: journalctl is not on PATH (Debian/Ubuntu: apt-get install systemd)");
            return null;
        }
        status("shipping the sample node journal " + dir + " through journalctl");
        return journal;
    }

    /**
     * The sample Kubernetes Events ({@code events/events.json}, as {@code kubectl get events -A --watch -o json} prints
     * a FailedScheduling event's updates), read by the events source instead of an API server; null when absent.
     */
    private static EventsConfig sampleEvents(Path dir) {
        Path file = dir.resolve("events.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        status("shipping the sample Kubernetes Events " + file + " through the events source");
        return new EventsConfig(null).fromFile(file);
    }

    /** The CloudWatch Logs payloads of the samples' Lambda incidents: {@code lambda/*.cloudwatch.json}. */
    private static List<Path> lambdaPayloads(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cloudwatch.json")).sorted().toList();
        }
    }

    private static KafkaConsumer<String, Diagnosis> diagnosisConsumer(String bootstrap) {
        KafkaConsumer<String, Diagnosis> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "logdoctor-demo",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // Only what the streams app committed: never a diagnosis from an aborted transaction.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.DIAGNOSES.keySerde().deserializer(), Topics.DIAGNOSES.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.DIAGNOSES.name()));
        return consumer;
    }

    private static void status(String message) {
        System.err.println("logdoctor demo: " + message);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
