package io.logdoctor.streams;

import io.logdoctor.patterns.DiagnosisState;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.JsonSerde;
import io.logdoctor.records.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import io.logdoctor.records.LogRecord;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * logs.raw → match → re-key by scope → per-(signature, scope) state → diagnoses keyed by diagnosis id.
 * Undecodable records never reach it, and a record that is no log line or fails a stage is set aside:
 * {@link DeadLetters} sends each to logs.dlq with the reason (see {@link DiagnosisApp#streamsConfig}).
 */
public final class DiagnosisTopology {

    /** While a diagnosis keeps firing, an updated record goes out at most this often (Alertmanager's default is 4h). */
    public static final Duration REPEAT_INTERVAL = Duration.ofHours(1);

    /** How often quiet diagnoses are looked for; a resolve is late by at most this much. */
    public static final Duration PUNCTUATE_EVERY = Duration.ofSeconds(1);

    /** How often changed candidates are published to the candidates topic. */
    public static final Duration CANDIDATES_EVERY = Duration.ofSeconds(5);

    private DiagnosisTopology() {
    }

    /** Builds the topology over a fixed catalogue, with the default repeat interval and incident timing. */
    public static Topology build(SignatureCatalog catalog) {
        return build(() -> catalog, REPEAT_INTERVAL, IncidentTiming.DEFAULTS, new AppMetrics());
    }

    /** Builds the topology over whatever catalogue {@code catalog} holds, with the default incident timing. */
    public static Topology build(Supplier<SignatureCatalog> catalog, Duration repeatInterval, AppMetrics metrics) {
        return build(catalog, repeatInterval, IncidentTiming.DEFAULTS, metrics);
    }

    /** Builds the topology over whatever catalogue {@code catalog} holds when each record is processed. */
    public static Topology build(Supplier<SignatureCatalog> catalog, Duration repeatInterval, IncidentTiming incidents,
                                 AppMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DiagnosisProcessor.STORE),
                Serdes.String(), JsonSerde.of(DiagnosisState.class)));
        LineMatcher matcher = new LineMatcher(catalog, metrics);
        // Records that cannot match nor look like an error are not decoded (RawPrefilter): same node names, same results.
        Serde<LogRecord> values = RawPrefilter.enabled()
                ? Serdes.serdeFrom(Topics.LOGS_RAW.valueSerde().serializer(), new RawPrefilter(catalog))
                : Topics.LOGS_RAW.valueSerde();
        KStream<String, LogRecord> raw = builder.stream(Topics.LOGS_RAW.name(),
                Consumed.with(Topics.LOGS_RAW.keySerde(), values).withName("logs-raw"));
        KStream<String, Diagnosis> diagnoses = raw
                .flatMap((streamKey, record) -> matcher.matches(record))
                // One pod's lines arrive on several stream keys: re-key so one task owns the whole scope.
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(MatchEvent.class)).withName("matches"))
                .process(() -> new DiagnosisProcessor(catalog, PUNCTUATE_EVERY, repeatInterval), DiagnosisProcessor.STORE)
                .mapValues(DiagnosisSize::checked, Named.as("check-size"))
                .peek((id, diagnosis) -> metrics.emitted(diagnosis.status()), Named.as("count-emitted"));
        diagnoses.to(Topics.DIAGNOSES.name(), Produced.with(Topics.DIAGNOSES.keySerde(), Topics.DIAGNOSES.valueSerde()));
        // Built after the diagnosis branch so that branch keeps its sub-topology number, and with it its
        // task ids and state directories, in an app upgraded to this version.
        // The candidates branch: error-looking lines no signature explains, mined into templates.
        UnexplainedErrors unexplained = new UnexplainedErrors(catalog, metrics.errorCoverage);
        raw.flatMap((streamKey, record) -> unexplained.of(record), Named.as("unexplained-errors"))
                .repartition(Repartitioned.with(Serdes.String(), Topics.LOGS_RAW.valueSerde()).withName("unexplained"))
                .process(() -> new CandidateProcessor(CANDIDATES_EVERY), Named.as("mine-candidates"))
                .to(Topics.CANDIDATES.name(), Produced.with(Topics.CANDIDATES.keySerde(), Topics.CANDIDATES.valueSerde()));
        // Last, for the same reason: diagnoses grouped into incidents, with silences and inhibition.
        IncidentBranch.add(builder, diagnoses, catalog, incidents, PUNCTUATE_EVERY);
        return builder.build();
    }
}
