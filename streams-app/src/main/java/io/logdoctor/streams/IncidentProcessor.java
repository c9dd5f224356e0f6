package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Incident;
import io.logdoctor.records.Silence;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the {@link IncidentLifecycle} over a persistent store keyed by incident id: each diagnosis joins
 * or leaves its incident, and a wall-clock punctuation sends what is due, with the silences and
 * inhibitors of the two global stores, which every instance holds whole.
 */
final class IncidentProcessor implements Processor<String, Diagnosis, String, Incident> {

    static final String STORE = "incident-state";
    static final String SILENCES = "silences-store";
    static final String INHIBITORS = "inhibitor-diagnoses";

    private final Supplier<SignatureCatalog> catalog;
    private final IncidentTiming timing;
    private final Duration punctuateEvery;
    private ProcessorContext<String, Incident> context;
    private KeyValueStore<String, IncidentState> incidents;
    private KeyValueStore<String, Silence> silences;
    private KeyValueStore<String, Diagnosis> inhibitors;

    IncidentProcessor(Supplier<SignatureCatalog> catalog, IncidentTiming timing, Duration punctuateEvery) {
        this.catalog = catalog;
        this.timing = timing;
        this.punctuateEvery = punctuateEvery;
    }

    @Override
    public void init(ProcessorContext<String, Incident> context) {
        this.context = context;
        this.incidents = context.getStateStore(STORE);
        this.silences = context.getStateStore(SILENCES);
        this.inhibitors = context.getStateStore(INHIBITORS);
        context.schedule(punctuateEvery, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<String, Diagnosis> record) {
        Diagnosis d = record.value();
        if (d == null || d.id() == null) {
            return; // nothing the diagnosis branch writes; a foreign record on its repartition topic changes nothing
        }
        Map<String, String> group = IncidentKeys.groupLabels(d, catalog.get().find(d.signature()).orElse(null), timing.groupBy());
        IncidentState next = IncidentLifecycle.onDiagnosis(incidents.get(record.key()), d, record.key(), group,
                context.currentSystemTimeMs());
        if (next != null) {
            incidents.put(record.key(), next);
        }
    }

    private void tick(long now) {
        IncidentHolds holds = new IncidentHolds(values(silences), values(inhibitors), catalog.get(), Instant.ofEpochMilli(now));
        List<IncidentState> all = values(incidents);
        for (IncidentState s : all) {
            IncidentLifecycle.Step step = IncidentLifecycle.onTick(s, now, timing, holds);
            if (step.state() == null) {
                incidents.delete(s.id());
            } else if (step.state() != s) {
                incidents.put(s.id(), step.state());
            }
            if (step.emit() != null) {
                context.forward(new Record<>(s.id(), step.emit(), now));
            }
        }
    }

    private static <V> List<V> values(KeyValueStore<String, V> store) {
        List<V> out = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.all()) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }
}
