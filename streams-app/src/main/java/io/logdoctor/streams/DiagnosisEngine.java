package io.logdoctor.streams;

import io.logdoctor.patterns.DiagnosisState;
import io.logdoctor.patterns.FireStep;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the fire rules ({@link FireStep}, in patterns) over a store of states and applies each step's
 * result. It knows nothing of Kafka: the streams processor runs it over a persistent store, the offline
 * {@code diagnose} over a map, so both emit the same diagnoses.
 */
final class DiagnosisEngine {

    /** Where the states live, keyed by diagnosis id: a state store's or a map's operations. */
    record Store(Function<String, DiagnosisState> get, BiConsumer<String, DiagnosisState> put, Consumer<String> delete,
                 Consumer<BiConsumer<String, DiagnosisState>> forEach) {

        /** A store in a map, for the offline engine. */
        static Store of(Map<String, DiagnosisState> states) {
            return new Store(states::get, states::put, states::remove, states::forEach);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DiagnosisEngine.class);

    private final Supplier<SignatureCatalog> catalogs;
    private final Store store;
    private final Duration repeatInterval;

    /**
     * @param repeatInterval while a diagnosis keeps firing, an updated record (count, last seen, fresh
     *                       evidence) goes out at most once per this interval, as Alertmanager's repeat_interval
     */
    DiagnosisEngine(Supplier<SignatureCatalog> catalogs, Store store, Duration repeatInterval) {
        this.catalogs = catalogs;
        this.store = store;
        this.repeatInterval = repeatInterval;
    }

    /** Applies one match; returns the diagnoses to emit (none, one, or a refined update). */
    List<Diagnosis> onMatch(MatchEvent match, long wallNow) {
        SignatureCatalog catalog = catalogs.get();
        if (catalog.find(match.signature()).isEmpty()) {
            log.warn("match for unknown signature {} dropped", match.signature());
            return List.of();
        }
        return apply(FireStep.onMatch(catalog, store.get(), match.hit(), wallNow, repeatInterval));
    }

    /** Resolves firing diagnoses that have been quiet long enough and forgets quiet states. */
    List<Diagnosis> onTick(long wallNow) {
        SignatureCatalog catalog = catalogs.get();
        List<FireStep.Result> quiet = new ArrayList<>();
        // Collected first, applied after: the store is not changed while it is being iterated.
        store.forEach().accept((id, state) -> {
            FireStep.Result result = FireStep.onQuietCheck(catalog, id, state, wallNow);
            if (!result.forget().isEmpty()) {
                quiet.add(result);
            }
        });
        List<Diagnosis> emit = new ArrayList<>();
        quiet.forEach(result -> emit.addAll(apply(result)));
        return emit;
    }

    private List<Diagnosis> apply(FireStep.Result result) {
        result.put().forEach(store.put());
        result.forget().forEach(store.delete());
        return result.emit();
    }
}
