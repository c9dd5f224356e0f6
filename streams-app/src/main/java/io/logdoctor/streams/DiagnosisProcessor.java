package io.logdoctor.streams;

import io.logdoctor.patterns.Signature;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the state of every (signature, scope) in a persistent store, emits a diagnosis when a fire
 * rule is met, and resolves it on wall-clock punctuation, so a stream that falls silent still resolves.
 */
final class DiagnosisProcessor implements Processor<String, MatchEvent, String, Diagnosis> {

    static final String STORE = "diagnosis-state";
    private static final Logger log = LoggerFactory.getLogger(DiagnosisProcessor.class);

    private final SignatureCatalog catalog;
    private final Duration punctuateEvery;
    private ProcessorContext<String, Diagnosis> context;
    private KeyValueStore<String, DiagnosisState> store;

    DiagnosisProcessor(SignatureCatalog catalog, Duration punctuateEvery) {
        this.catalog = catalog;
        this.punctuateEvery = punctuateEvery;
    }

    @Override
    public void init(ProcessorContext<String, Diagnosis> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        context.schedule(punctuateEvery, PunctuationType.WALL_CLOCK_TIME, this::resolveQuiet);
    }

    @Override
    public void process(Record<String, MatchEvent> record) {
        MatchEvent match = record.value();
        Signature signature = catalog.find(match.signature()).orElse(null);
        if (signature == null) {
            log.warn("match for unknown signature {} dropped", match.signature());
            return;
        }
        long eventTime = match.eventTime() != null ? match.eventTime() : record.timestamp();
        DiagnosisLifecycle.Step step = DiagnosisLifecycle.onMatch(store.get(record.key()), match, eventTime, signature,
                context.currentSystemTimeMs());
        store.put(record.key(), step.state());
        step.emit().ifPresent(d -> context.forward(record.withValue(d)));
    }

    private void resolveQuiet(long wallNow) {
        List<KeyValue<String, DiagnosisState>> quiet = new ArrayList<>();
        try (KeyValueIterator<String, DiagnosisState> all = store.all()) {
            all.forEachRemaining(kv -> {
                Signature signature = catalog.find(kv.value.signature()).orElse(null);
                if (signature == null || DiagnosisLifecycle.isQuiet(kv.value, signature, wallNow)) {
                    quiet.add(kv);
                }
            });
        }
        for (KeyValue<String, DiagnosisState> kv : quiet) {
            catalog.find(kv.value.signature())
                    .flatMap(signature -> DiagnosisLifecycle.onQuiet(kv.value, signature))
                    .ifPresent(d -> context.forward(new Record<>(kv.key, d, wallNow)));
            store.delete(kv.key);
        }
    }
}
