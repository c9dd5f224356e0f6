package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Incident;
import io.logdoctor.records.Silence;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code /incidents} and {@code /silences} answer from one instance's stores: the incidents whose
 * members fire now (this instance's partitions), with what holds them back now, and every silence
 * (a global store: every instance has all of them).
 */
final class IncidentQueries {

    /** The status of an incident still in its group_wait: known here, not yet on the topic. */
    static final String PENDING = "pending";

    private final KafkaStreams streams;
    private final CatalogHolder catalog;

    IncidentQueries(KafkaStreams streams, CatalogHolder catalog) {
        this.streams = streams;
        this.catalog = catalog;
    }

    /** The incidents with firing members in this instance's store, rendered as now. */
    List<Incident> localIncidents(long now) {
        SignatureCatalog c = catalog.get();
        IncidentHolds holds = new IncidentHolds(values(IncidentProcessor.SILENCES, Silence.class),
                values(IncidentProcessor.INHIBITORS, Diagnosis.class), c, Instant.ofEpochMilli(now));
        List<Incident> out = new ArrayList<>();
        for (IncidentState s : values(IncidentProcessor.STORE, IncidentState.class)) {
            Map<String, IncidentLifecycle.Hold> held = new LinkedHashMap<>();
            s.members().values().stream().filter(IncidentState.Member::firing).forEach(m -> held.put(m.diagnosis(), holds.of(s, m)));
            if (!held.isEmpty()) {
                boolean allHeld = held.values().stream().allMatch(IncidentLifecycle.Hold::holds);
                out.add(IncidentLifecycle.render(s, s.emitted() ? Diagnosis.FIRING : PENDING, held, allHeld, s.notified(), now));
            }
        }
        return out;
    }

    /** Every silence on the topic, active or not. */
    List<Silence> silences() {
        return values(IncidentProcessor.SILENCES, Silence.class);
    }

    private <V> List<V> values(String store, Class<V> type) {
        ReadOnlyKeyValueStore<String, V> kv = streams.store(StoreQueryParameters.fromNameAndType(store,
                QueryableStoreTypes.<String, V>keyValueStore()));
        List<V> out = new ArrayList<>();
        try (KeyValueIterator<String, V> all = kv.all()) {
            all.forEachRemaining(e -> {
                if (type.isInstance(e.value)) {
                    out.add(e.value);
                }
            });
        }
        return out;
    }
}
