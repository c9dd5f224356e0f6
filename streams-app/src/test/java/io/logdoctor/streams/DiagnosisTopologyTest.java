package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosisTopologyTest {

    private static final Instant T0 = Instant.parse("2022-09-02T00:21:48Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, LogRecord> logs;
    private TestInputTopic<byte[], byte[]> rawBytes;
    private TestOutputTopic<String, Diagnosis> diagnoses;

    @BeforeEach
    void start() throws Exception {
        SignatureCatalog catalog = SignatureCatalog.load(Path.of(getClass().getResource("/test-catalog").toURI()));
        driver = new TopologyTestDriver(DiagnosisTopology.build(catalog),
                DiagnosisApp.streamsConfig("dummy:9092", stateDir, Map.of()), T0);
        logs = driver.createInputTopic(Topics.LOGS_RAW.name(), new StringSerializer(),
                Topics.LOGS_RAW.valueSerde().serializer());
        rawBytes = driver.createInputTopic(Topics.LOGS_RAW.name(), new ByteArraySerializer(), new ByteArraySerializer());
        diagnoses = driver.createOutputTopic(Topics.DIAGNOSES.name(), Topics.DIAGNOSES.keySerde().deserializer(),
                Topics.DIAGNOSES.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldFireOnceTheCountIsReachedWithinTheWindow() {
        send("pod-a", 0, "Retrying waiting for IPAMD");
        send("pod-a", 2, "Retrying waiting for IPAMD");
        assertTrue(diagnoses.isEmpty(), "two retries are not an incident yet");

        send("pod-a", 4, "Retrying waiting for IPAMD");

        Diagnosis d = diagnoses.readValue();
        assertEquals("demo/retry-loop", d.signature());
        assertEquals(Diagnosis.FIRING, d.status());
        assertEquals(3, d.count());
        assertEquals("critical", d.severity());
        assertEquals("The daemon never comes up.", d.cause());
        assertEquals(List.of("Fix the daemon.", "Restart the pod."), d.remediation());
        assertEquals("pod-a", d.scope().pod());
        assertEquals(3, d.evidence().size());
        assertEquals("/var/log/pods/x/0.log", d.evidence().get(0).file());
        assertTrue(diagnoses.isEmpty());
    }

    @Test
    void shouldNotFireWhenMatchesAreSpreadWiderThanTheWindow() {
        send("pod-a", 0, "Retrying waiting for IPAMD");
        send("pod-a", 100, "Retrying waiting for IPAMD");
        send("pod-a", 200, "Retrying waiting for IPAMD");

        assertTrue(diagnoses.isEmpty());
    }

    @Test
    void shouldCountEachPodApart() {
        send("pod-a", 0, "Retrying waiting for IPAMD");
        send("pod-b", 1, "Retrying waiting for IPAMD");
        send("pod-a", 2, "Retrying waiting for IPAMD");
        send("pod-b", 3, "Retrying waiting for IPAMD");

        assertTrue(diagnoses.isEmpty());
    }

    @Test
    void shouldFireOnlyOnceWithinTheRepeatInterval() {
        for (int i = 0; i < 10; i++) {
            send("pod-a", i, "Retrying waiting for IPAMD");
        }

        assertEquals(1, diagnoses.readValuesToList().size());
    }

    @Test
    void shouldSendOneUpdatePerRepeatIntervalWhileItKeepsFiring() {
        for (int i = 0; i < 3; i++) {
            send("pod-a", i, "Retrying waiting for IPAMD");
        }
        Diagnosis first = diagnoses.readValue();
        for (int minute = 1; minute < 60; minute++) {
            driver.advanceWallClockTime(Duration.ofMinutes(1)); // a retry a minute: never quiet for 5m
            send("pod-a", 60 * minute, "Retrying waiting for IPAMD");
        }
        assertTrue(diagnoses.isEmpty(), "no update before the repeat interval");

        driver.advanceWallClockTime(Duration.ofMinutes(1));
        send("pod-a", 3600, "Retrying waiting for IPAMD");

        Diagnosis update = diagnoses.readValue();
        assertEquals(first.id(), update.id());
        assertEquals(Diagnosis.FIRING, update.status());
        assertEquals(63, update.count());
        assertEquals(T0.plusSeconds(3600).toString(), update.lastSeen());
        assertTrue(diagnoses.isEmpty());
    }

    @Test
    void shouldNotFireOnACacheMissAlone() {
        send("jenkins-0", 0, "cache miss for: update-center-2.375.2");

        assertTrue(diagnoses.isEmpty());
    }

    @Test
    void shouldNotFireOnAFailureWithoutTheCacheMissBeforeIt() {
        send("jenkins-0", 0, "Unable to retrieve JSON from https://updates.jenkins.io");

        assertTrue(diagnoses.isEmpty());
    }

    @Test
    void shouldFireOnAFailureAfterACacheMiss() {
        send("jenkins-0", 0, "cache miss for: update-center-2.375.2");
        send("jenkins-0", 5, "Unable to retrieve JSON from https://updates.jenkins.io");

        Diagnosis d = diagnoses.readValue();
        assertEquals("demo/miss-then-fail", d.signature());
        assertEquals(2, d.evidence().size(), "the cache miss is part of the evidence");
    }

    @Test
    void shouldResolveAfterTheQuietPeriodEvenWhenTheStreamFallsSilent() {
        for (int i = 0; i < 3; i++) {
            send("pod-a", i, "Retrying waiting for IPAMD");
        }
        Diagnosis firing = diagnoses.readValue();

        driver.advanceWallClockTime(Duration.ofMinutes(4));
        assertTrue(diagnoses.isEmpty(), "still inside the 5m quiet period");
        driver.advanceWallClockTime(Duration.ofMinutes(1).plusSeconds(1));

        TestRecord<String, Diagnosis> resolved = diagnoses.readRecord();
        assertEquals(Diagnosis.RESOLVED, resolved.value().status());
        assertEquals(firing.id(), resolved.key(), "firing and resolved share the diagnosis id");
        assertEquals(firing.id(), resolved.value().id());
    }

    @Test
    void shouldCarryTheSpecificCauseWhenARefinerWasSeenInTheSameScope() {
        send("pod-a", 0, "Retrying waiting for IPAMD");
        send("pod-a", 1, "UnauthorizedOperation: You are not authorized to perform this operation.");
        assertTrue(diagnoses.isEmpty(), "the refiner explains the retries; it opens no diagnosis of its own");
        send("pod-a", 2, "Retrying waiting for IPAMD");
        send("pod-a", 3, "Retrying waiting for IPAMD");

        Diagnosis d = diagnoses.readValue();
        assertEquals("demo/retry-loop", d.signature());
        assertEquals("demo/retry-cause", d.refinedBy());
        assertEquals("The daemon's role lacks a permission.", d.cause());
        assertEquals(List.of("Attach the policy."), d.remediation());
        assertTrue(diagnoses.isEmpty());
    }

    @Test
    void shouldUpdateTheFiringDiagnosisWhenItsRefinerArrivesLater() {
        for (int i = 0; i < 3; i++) {
            send("pod-a", i, "Retrying waiting for IPAMD");
        }
        Diagnosis generic = diagnoses.readValue();

        send("pod-a", 5, "UnauthorizedOperation: You are not authorized to perform this operation.");

        Diagnosis refined = diagnoses.readValue();
        assertEquals(generic.id(), refined.id(), "the same diagnosis, not a second one");
        assertEquals(null, generic.refinedBy());
        assertEquals("demo/retry-cause", refined.refinedBy());
        assertTrue(diagnoses.isEmpty());
    }

    @Test
    void shouldFireARefinerOnItsOwnWhereTheGenericSignatureWasNotSeen() {
        send("pod-a", 0, "Retrying waiting for IPAMD");
        send("pod-b", 1, "UnauthorizedOperation: You are not authorized to perform this operation.");

        Diagnosis d = diagnoses.readValue();
        assertEquals("demo/retry-cause", d.signature());
        assertEquals("pod-b", d.scope().pod());
    }

    @Test
    void shouldSkipAnUndecodableRecordAndGoOn() {
        // Where it goes (logs.dlq, with the reason) is asserted against a real broker in PipelineIT:
        // TopologyTestDriver does not deliver the dead-letter records of the deserialization handler.
        rawBytes.pipeInput("k".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xff, 0x00, '{', 'x'});

        for (int i = 0; i < 3; i++) {
            send("pod-a", i, "Retrying waiting for IPAMD");
        }
        assertEquals(Diagnosis.FIRING, diagnoses.readValue().status());
    }

    @Test
    void shouldCountALineWithAnOverflowingTimestampAtItsRecordTimeAndCarryOnlyAnExcerpt() {
        String line = "Retrying waiting for IPAMD " + "x".repeat(100_000);
        for (int i = 0; i < 3; i++) {
            LogRecord r = LogRecord.k8s("+999999999-12-31T23:59:59.999999999+18:00", "local", "node-1", "kube-system", "pod-a", "main",
                    "stdout", line, "/var/log/pods/x/0.log", i, false);
            logs.pipeInput(r.streamKey(), r, T0.plusSeconds(i));
        }

        Diagnosis d = diagnoses.readValue();
        assertEquals(T0.toString(), d.firstSeen());
        assertEquals(Excerpt.MAX_CHARS + 1, d.evidence().get(0).line().length());
    }

    private void send(String pod, int secondsAfterT0, String line) {
        String ts = T0.plusSeconds(secondsAfterT0).toString();
        LogRecord record = LogRecord.k8s(ts, "local", "node-1", "kube-system", pod, "main", "stdout", line,
                "/var/log/pods/x/0.log", secondsAfterT0 * 100L, false);
        logs.pipeInput(record.streamKey(), record, T0.plusSeconds(secondsAfterT0));
    }
}
