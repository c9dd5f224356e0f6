package io.logdoctor.streams;

import io.logdoctor.patterns.DiagnosisState;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs the {@link DiagnosisEngine} over a persistent store: every match of the scope this task owns,
 * and a wall-clock punctuation that resolves quiet diagnoses, so a stream that falls silent still resolves.
 */
final class DiagnosisProcessor implements Processor<String, MatchEvent, String, Diagnosis> {

    static final String STORE = "diagnosis-state";

    private final Supplier<SignatureCatalog> catalog;
    private final Duration punctuateEvery;
    private final Duration repeatInterval;
    private ProcessorContext<String, Diagnosis> context;
    private DiagnosisEngine engine;

    DiagnosisProcessor(Supplier<SignatureCatalog> catalog, Duration punctuateEvery, Duration repeatInterval) {
        this.catalog = catalog;
        this.punctuateEvery = punctuateEvery;
        this.repeatInterval = repeatInterval;
    }

    @Override
    public void init(ProcessorContext<String, Diagnosis> context) {
        this.context = context;
        this.engine = new DiagnosisEngine(catalog, storeOf(context.getStateStore(STORE)), repeatInterval);
        context.schedule(punctuateEvery, PunctuationType.WALL_CLOCK_TIME,
                now -> engine.onTick(now).forEach(d -> context.forward(new Record<>(d.id(), d, now))));
    }

    @Override
    public void process(Record<String, MatchEvent> record) {
        // A line without a usable time of its own counts at the time Kafka received it.
        MatchEvent match = record.value().at(record.timestamp());
        engine.onMatch(match, context.currentSystemTimeMs())
                .forEach(d -> context.forward(record.withKey(d.id()).withValue(d)));
    }

    private static DiagnosisEngine.Store storeOf(KeyValueStore<String, DiagnosisState> kv) {
        return new DiagnosisEngine.Store(kv::get, kv::put, kv::delete, action -> {
            try (KeyValueIterator<String, DiagnosisState> all = kv.all()) {
                all.forEachRemaining(e -> action.accept(e.key, e.value));
            }
        });
    }
}
