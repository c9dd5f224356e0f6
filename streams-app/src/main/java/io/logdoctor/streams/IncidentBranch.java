package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.function.Supplier;
import io.logdoctor.records.JsonSerde;

/**
 * The incidents branch of the topology: diagnoses → re-key by incident (signature + group key) →
 * per-incident state → incidents; with the silences topic and the inhibiting diagnoses as global
 * stores, so every instance sees every silence and every inhibitor, whichever partition they are on.
 */
final class IncidentBranch {

    private IncidentBranch() {
    }

    static void add(StreamsBuilder builder, KStream<String, Diagnosis> diagnoses, Supplier<SignatureCatalog> catalog,
                    IncidentTiming timing, Duration punctuateEvery) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(IncidentProcessor.STORE),
                Serdes.String(), JsonSerde.of(IncidentState.class)));
        diagnoses
                .selectKey((id, d) -> IncidentKeys.id(d.signature(), IncidentKeys.groupLabels(d,
                        catalog.get().find(d.signature()).orElse(null), timing.groupBy())), Named.as("key-by-incident"))
                .repartition(Repartitioned.with(Serdes.String(), Topics.DIAGNOSES.valueSerde()).withName("incident-members"))
                .process(() -> new IncidentProcessor(catalog, timing, punctuateEvery), Named.as("group-incidents"),
                        IncidentProcessor.STORE)
                .to(Topics.INCIDENTS.name(), Produced.with(Topics.INCIDENTS.keySerde(), Topics.INCIDENTS.valueSerde()));
        // Global stores are restored from their topics as they are (not through these updaters): logging off, the topic is the log.
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(IncidentProcessor.SILENCES),
                        Serdes.String(), Topics.SILENCES.valueSerde()).withLoggingDisabled(), Topics.SILENCES.name(),
                Consumed.with(Topics.SILENCES.keySerde(), Topics.SILENCES.valueSerde()).withName("silences"),
                () -> new GlobalStoreUpdater<>(IncidentProcessor.SILENCES, s -> true));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(IncidentProcessor.INHIBITORS),
                        Serdes.String(), Topics.DIAGNOSES.valueSerde()).withLoggingDisabled(), Topics.DIAGNOSES.name(),
                Consumed.with(Topics.DIAGNOSES.keySerde(), Topics.DIAGNOSES.valueSerde()).withName("inhibitors"),
                () -> new GlobalStoreUpdater<Diagnosis>(IncidentProcessor.INHIBITORS, d -> Diagnosis.FIRING.equals(d.status())
                        && IncidentHolds.inhibits(catalog.get(), d.signature())));
    }
}
