package io.logdoctor.streams;

import io.logdoctor.patterns.Signature;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The diagnosis rules over the states of one scope's signatures: fire rules, refinement, and quiet
 * resolution. It knows nothing of Kafka: the streams processor runs it over a persistent store, the
 * offline {@code diagnose} over a map, so both emit the same diagnoses.
 */
final class DiagnosisEngine {

    /** Where the states live, keyed by diagnosis id. */
    interface Store {
        DiagnosisState get(String id);

        void put(String id, DiagnosisState state);

        void delete(String id);

        void forEach(BiConsumer<String, DiagnosisState> action);
    }

    private static final Logger log = LoggerFactory.getLogger(DiagnosisEngine.class);

    private final Supplier<SignatureCatalog> catalogs;
    private final Store store;
    private final long repeatMs;

    /**
     * @param repeatInterval while a diagnosis keeps firing, an updated record (count, last seen, fresh
     *                       evidence) goes out at most once per this interval, as Alertmanager's repeat_interval
     */
    DiagnosisEngine(Supplier<SignatureCatalog> catalogs, Store store, Duration repeatInterval) {
        this.catalogs = catalogs;
        this.store = store;
        this.repeatMs = repeatInterval.toMillis();
    }

    /** Applies one match; returns the diagnoses to emit (none, one, or a refined update). */
    List<Diagnosis> onMatch(MatchEvent match, long eventTime, long wallNow) {
        SignatureCatalog catalog = catalogs.get();
        Signature signature = catalog.find(match.signature()).orElse(null);
        if (signature == null) {
            log.warn("match for unknown signature {} dropped", match.signature());
            return List.of();
        }
        String id = DiagnosisIds.of(signature.id(), match.scope());
        DiagnosisLifecycle.Step step = DiagnosisLifecycle.onMatch(store.get(id), match, eventTime, signature, wallNow);
        DiagnosisState state = step.state();
        List<Diagnosis> emit = new ArrayList<>(2);

        Optional<Signature> refined = signature.refines().flatMap(catalog::find);
        if (refined.isPresent() && refine(catalog, refined.get(), signature, match, eventTime, wallNow, emit)) {
            // Explained a generic diagnosis of this scope: no second diagnosis for the same failure.
            state = state.withFiring(state.firing() && !step.fired());
        } else if (step.fired() || (state.firing() && wallNow - state.lastEmitWall() >= repeatMs)) {
            state = state.withRefinedBy(refinerSeen(catalog, signature, match.scope(), eventTime).orElse(state.refinedBy()))
                    .emittedAt(wallNow);
            emit.add(render(catalog, state, signature, Diagnosis.FIRING));
        }
        store.put(id, state);
        return emit;
    }

    /** Resolves firing diagnoses that have been quiet long enough and forgets quiet states. */
    List<Diagnosis> onTick(long wallNow) {
        SignatureCatalog catalog = catalogs.get();
        List<Map.Entry<String, DiagnosisState>> quiet = new ArrayList<>();
        store.forEach((id, state) -> {
            Signature signature = catalog.find(state.signature()).orElse(null);
            if (signature == null || DiagnosisLifecycle.isQuiet(state, signature, wallNow)) {
                quiet.add(Map.entry(id, state));
            }
        });
        List<Diagnosis> emit = new ArrayList<>();
        for (Map.Entry<String, DiagnosisState> e : quiet) {
            DiagnosisState state = e.getValue();
            if (state.firing()) {
                catalog.find(state.signature()).ifPresent(s -> emit.add(render(catalog, state, s, Diagnosis.RESOLVED)));
            }
            store.delete(e.getKey());
        }
        return emit;
    }

    /**
     * Marks the generic diagnosis of this scope as explained by {@code refiner}, when the generic
     * signature was seen within its window; re-emits it if it is firing.
     */
    private boolean refine(SignatureCatalog catalog, Signature generic, Signature refiner, MatchEvent match, long eventTime, long wallNow,
                           List<Diagnosis> emit) {
        String genericId = DiagnosisIds.of(generic.id(), match.scope());
        DiagnosisState state = store.get(genericId);
        if (state == null || Math.abs(eventTime - state.lastEventTime()) > generic.fire().window().toMillis()) {
            return false;
        }
        if (!refiner.id().equals(state.refinedBy())) {
            DiagnosisState refined = state.withRefinedBy(refiner.id()).emittedAt(state.firing() ? wallNow : state.lastEmitWall());
            store.put(genericId, refined);
            if (refined.firing()) {
                emit.add(render(catalog, refined, generic, Diagnosis.FIRING));
            }
        }
        return true;
    }

    /** A signature refining {@code generic} that was seen in this scope within the generic window. */
    private Optional<String> refinerSeen(SignatureCatalog catalog, Signature generic, Diagnosis.Scope scope, long eventTime) {
        for (Signature refiner : catalog.refinersOf(generic.id())) {
            DiagnosisState state = store.get(DiagnosisIds.of(refiner.id(), scope));
            if (state != null && Math.abs(eventTime - state.lastEventTime()) <= generic.fire().window().toMillis()) {
                return Optional.of(refiner.id());
            }
        }
        return Optional.empty();
    }

    private static Diagnosis render(SignatureCatalog catalog, DiagnosisState state, Signature signature, String status) {
        Optional<Signature> refiner = Optional.ofNullable(state.refinedBy()).flatMap(catalog::find);
        return DiagnosisLifecycle.diagnosis(state, signature, refiner, status);
    }
}
