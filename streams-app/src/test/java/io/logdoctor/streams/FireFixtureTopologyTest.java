package io.logdoctor.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.logdoctor.patterns.Signature;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fire fixtures' verdicts hold for the streams app itself: every bundled fire fixture, played through
 * the topology (wall clock following the lines, moved on for each {@code #> resolved}), emits exactly the
 * diagnoses the offline engine that {@link FireFixtures} uses emits.
 */
class FireFixtureTopologyTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldEmitWhatTheOfflineEngineEmitsForEveryBundledFireFixture() throws IOException {
        SignatureCatalog catalog = SignatureCatalog.bundled();
        int played = 0;
        for (Signature signature : catalog.signatures()) {
            Path file = catalog.root().resolve(FireFixtures.fixtureOf(signature));
            if (!Files.isRegularFile(file)) {
                continue;
            }
            FireFixture fixture = FireFixture.parse(file.toString(), Files.readAllLines(file));
            List<Diagnosis> offline = offline(catalog, fixture);
            assertFalse(offline.isEmpty(), fixture.file());
            assertEquals(offline, streamed(catalog, fixture), fixture.file());
            played++;
        }
        assertFalse(played == 0, "no fire fixture found");
    }

    private static List<Diagnosis> offline(SignatureCatalog catalog, FireFixture fixture) {
        OfflineDiagnoser diagnoser = new OfflineDiagnoser(catalog);
        List<Diagnosis> out = new ArrayList<>();
        for (FireFixture.Step step : fixture.steps()) {
            if (step instanceof FireFixture.Line line) {
                out.addAll(diagnoser.accept(line.record()));
            } else if (step instanceof FireFixture.Expect e && e.kind() == FireFixture.Kind.RESOLVED) {
                out.addAll(diagnoser.advanceTo(e.at().toEpochMilli()));
            }
        }
        return out;
    }

    private List<Diagnosis> streamed(SignatureCatalog catalog, FireFixture fixture) {
        Instant wall = fixture.steps().stream().filter(FireFixture.Line.class::isInstance).findFirst()
                .map(s -> OffsetDateTime.parse(((FireFixture.Line) s).record().ts()).toInstant()).orElseThrow();
        List<Diagnosis> out = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(DiagnosisTopology.build(catalog),
                DiagnosisApp.streamsConfig("dummy:9092", stateDir.resolve(String.valueOf(fixture.file().hashCode())), Map.of()), wall)) {
            TestInputTopic<String, LogRecord> in = driver.createInputTopic(Topics.LOGS_RAW.name(), new StringSerializer(),
                    Topics.LOGS_RAW.valueSerde().serializer());
            TestOutputTopic<String, Diagnosis> diagnoses = driver.createOutputTopic(Topics.DIAGNOSES.name(),
                    Topics.DIAGNOSES.keySerde().deserializer(), Topics.DIAGNOSES.valueSerde().deserializer());
            for (FireFixture.Step step : fixture.steps()) {
                Instant at = step instanceof FireFixture.Line line ? OffsetDateTime.parse(line.record().ts()).toInstant()
                        : step instanceof FireFixture.Expect e && e.kind() == FireFixture.Kind.RESOLVED ? e.at() : null;
                if (at == null) {
                    continue;
                }
                if (at.isAfter(wall)) {
                    driver.advanceWallClockTime(Duration.between(wall, at)); // the app's wall clock follows the log
                    wall = at;
                }
                if (step instanceof FireFixture.Line line) {
                    in.pipeInput(line.record().streamKey(), line.record(), at);
                }
                out.addAll(diagnoses.readValuesToList());
            }
        }
        return out;
    }
}
