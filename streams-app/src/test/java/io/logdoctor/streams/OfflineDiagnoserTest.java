package io.logdoctor.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline diagnosis must emit exactly what the streams app emits for the same lines. */
class OfflineDiagnoserTest {

    private static final Instant T0 = Instant.parse("2022-09-02T00:21:48Z");

    @TempDir
    Path stateDir;

    @Test
    void shouldEmitWhatTheTopologyEmitsForTheSameLines() throws Exception {
        SignatureCatalog catalog = SignatureCatalog.load(Path.of(getClass().getResource("/test-catalog").toURI()));
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            records.add(record("pod-a", i, "Retrying waiting for IPAMD"));
        }
        records.add(record("pod-a", 6, "UnauthorizedOperation: You are not authorized to perform this operation."));
        records.add(record("jenkins-0", 7, "cache miss for: update-center-2.375.2"));
        records.add(record("jenkins-0", 9, "Unable to retrieve JSON from https://updates.jenkins.io"));
        records.add(record("pod-b", 10, "Retrying waiting for IPAMD"));
        // 10 minutes later: retry-loop's quiet period (5m) has passed, miss-then-fail's (the default 15m) has not.
        records.add(record("pod-c", 600, "an ordinary line"));

        List<Diagnosis> offline = new ArrayList<>();
        OfflineDiagnoser diagnoser = new OfflineDiagnoser(catalog);
        records.forEach(r -> offline.addAll(diagnoser.accept(r)));

        List<Diagnosis> streamed = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(DiagnosisTopology.build(catalog),
                DiagnosisApp.streamsConfig("dummy:9092", stateDir, Map.of()), T0)) {
            TestInputTopic<String, LogRecord> in = driver.createInputTopic(Topics.LOGS_RAW.name(), new StringSerializer(),
                    Topics.LOGS_RAW.valueSerde().serializer());
            TestOutputTopic<String, Diagnosis> out = driver.createOutputTopic(Topics.DIAGNOSES.name(),
                    Topics.DIAGNOSES.keySerde().deserializer(), Topics.DIAGNOSES.valueSerde().deserializer());
            Instant wall = T0;
            for (LogRecord r : records) {
                Instant at = Instant.parse(r.ts());
                driver.advanceWallClockTime(Duration.between(wall, at)); // the app's wall clock follows the log
                wall = at;
                in.pipeInput(r.streamKey(), r, at);
                streamed.addAll(out.readValuesToList());
            }
        }

        assertEquals(streamed, offline);
        assertEquals(List.of("firing demo/retry-loop", "firing demo/retry-loop", "firing demo/miss-then-fail",
                        "resolved demo/retry-loop"),
                offline.stream().map(d -> d.status() + " " + d.signature()).toList());
    }

    private static LogRecord record(String pod, int seconds, String line) {
        return LogRecord.k8s(T0.plusSeconds(seconds).toString(), "c", "n", "kube-system", pod, "main", "stdout", line,
                "/var/log/pods/x/0.log", seconds, false);
    }
}
