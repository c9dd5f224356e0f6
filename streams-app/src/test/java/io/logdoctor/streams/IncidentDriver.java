package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Incident;
import io.logdoctor.records.Silence;
import io.logdoctor.records.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The incidents branch alone on a TopologyTestDriver: diagnoses in (from a test topic, as the diagnosis
 * branch would hand them over), incidents out, the real silences and diagnoses topics feeding the global stores.
 */
final class IncidentDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    static final String IN = "test-diagnoses";
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final SignatureCatalog CATALOG = SignatureCatalog.bundled();

    final TopologyTestDriver driver;
    private final TestInputTopic<String, Diagnosis> in;
    private final TestInputTopic<String, Diagnosis> diagnoses;
    private final TestInputTopic<String, Silence> silences;
    private final TestOutputTopic<String, Incident> out;

    IncidentDriver(Path stateDir, IncidentTiming timing) {
        StreamsBuilder builder = new StreamsBuilder();
        IncidentBranch.add(builder, builder.stream(IN, Consumed.with(Serdes.String(), Topics.DIAGNOSES.valueSerde())),
                () -> CATALOG, timing, Duration.ofSeconds(1));
        driver = new TopologyTestDriver(builder.build(), DiagnosisApp.streamsConfig("dummy:9092", stateDir, Map.of()), T0);
        in = driver.createInputTopic(IN, Serdes.String().serializer(), Topics.DIAGNOSES.valueSerde().serializer());
        diagnoses = driver.createInputTopic(Topics.DIAGNOSES.name(), Serdes.String().serializer(), Topics.DIAGNOSES.valueSerde().serializer());
        silences = driver.createInputTopic(Topics.SILENCES.name(), Serdes.String().serializer(), Topics.SILENCES.valueSerde().serializer());
        out = driver.createOutputTopic(Topics.INCIDENTS.name(), Serdes.String().deserializer(), Topics.INCIDENTS.valueSerde().deserializer());
    }

    /** A generated DaemonSet pod name, as the controller makes them (5 characters of Kubernetes' alphabet). */
    static String pod(int n) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0, v = n; i < 5; i++, v /= ALPHABET.length()) {
            suffix.append(ALPHABET.charAt(v % ALPHABET.length()));
        }
        return "aws-node-" + suffix;
    }

    /** The ipamd-not-ready diagnosis of aws-node pod {@code n} on node {@code ip-10-0-0-n}. */
    static Diagnosis ipamd(int n, String status) {
        return new Diagnosis(1, "d-ipamd-" + n, "vpc-cni/ipamd-not-ready", "aws-node keeps waiting for ipamd", "critical", status,
                new Diagnosis.Scope("demo", "kube-system", pod(n), "ip-10-0-0-" + n, "aws-node", null, null),
                "2026-01-05T10:00:0" + (n % 10) + "Z", "2026-01-05T10:00:1" + (n % 10) + "Z", 5,
                List.of(new Diagnosis.Evidence("2026-01-05T10:00:00Z", "Retrying waiting for IPAM-D " + n, null, null, null)),
                "cause", List.of("step"), List.of("ref"), null);
    }

    /** node/not-ready reported by the kubelet of node {@code ip-10-0-0-n}. */
    static Diagnosis nodeNotReady(int n, String status) {
        return new Diagnosis(1, "d-node-" + n, "node/not-ready", "A node went NotReady", "error", status,
                new Diagnosis.Scope("demo", "kube-system", "kubelet", "ip-10-0-0-" + n, "kubelet", null, null),
                "2026-01-05T10:00:00Z", "2026-01-05T10:00:00Z", 1, List.of(), "cause", List.of("step"), List.of("ref"), null);
    }

    void diagnosis(Diagnosis d) {
        in.pipeInput(d.id(), d, T0);
    }

    /** A firing or resolved diagnosis on the diagnoses topic, which the inhibitor store follows. */
    void onDiagnosesTopic(Diagnosis d) {
        diagnoses.pipeInput(d.id(), d, T0);
    }

    void silence(Silence s) {
        silences.pipeInput(s.id(), s, T0);
    }

    void advance(Duration d) {
        driver.advanceWallClockTime(d);
    }

    List<Incident> incidents() {
        return out.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
