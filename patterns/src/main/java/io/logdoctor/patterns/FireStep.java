package io.logdoctor.patterns;

import io.logdoctor.records.Diagnosis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fire rules as one pure step: the states of a scope's signatures and one event (a match at a time,
 * or a quiet check at a time) give the states to write and the diagnoses to emit. It reads states through
 * a lookup and writes none, so the streams app (a persistent store) and the offline engine ({@code
 * logdoctor diagnose}, fire fixtures, backtests: a map) apply the same result and cannot drift.
 *
 * <p>States are keyed by diagnosis id, the same for one signature in one scope ({@link Diagnosis#id()}).
 */
public final class FireStep {

    private FireStep() {
    }

    /**
     * One line that matched one signature, as the fire rules see it.
     *
     * @param pattern   the name of the signature's pattern that matched (the fire rule's {@code after} names one)
     * @param eventTime the line's time in epoch millis (the caller supplies a stand-in when the line has none)
     * @param evidence  the line as evidence: its time as written (also first/last seen), an excerpt, where it was read
     */
    public record Hit(String signature, String pattern, Diagnosis.Scope scope, long eventTime, Diagnosis.Evidence evidence) {
    }

    /**
     * What a step decided: states to write and to forget (by diagnosis id, in order) and the diagnoses to emit.
     */
    public record Result(Map<String, DiagnosisState> put, List<String> forget, List<Diagnosis> emit) {

        static final Result NONE = new Result(Map.of(), List.of(), List.of());
    }

    /**
     * Applies one match of {@code hit.signature()} at wall-clock {@code wallNow}: counts it against the fire
     * rule, fires when the rule is met (or updates a firing diagnosis once per {@code repeatInterval}), and
     * for a signature that {@code refines} another marks that one's diagnosis in this scope as explained.
     * An unknown signature (gone from the catalogue) changes nothing.
     *
     * @param states the current state of a diagnosis id, or null
     */
    public static Result onMatch(SignatureCatalog catalog, Function<String, DiagnosisState> states, Hit hit, long wallNow,
                                 Duration repeatInterval) {
        Signature signature = catalog.find(hit.signature()).orElse(null);
        if (signature == null) {
            return Result.NONE;
        }
        String id = DiagnosisIds.of(signature.id(), hit.scope());
        FireCount.Counted counted = FireCount.onMatch(states.apply(id), hit, signature, wallNow);
        DiagnosisState state = counted.state();
        Map<String, DiagnosisState> put = new LinkedHashMap<>();
        List<Diagnosis> emit = new ArrayList<>(2);

        Optional<Signature> generic = signature.refines().flatMap(catalog::find);
        if (generic.isPresent() && refine(catalog, states, generic.get(), signature, hit, wallNow, put, emit)) {
            // Explained a generic diagnosis of this scope: no second diagnosis for the same failure.
            state = state.withFiring(state.firing() && !counted.fired());
        } else if (counted.fired() || (state.firing() && wallNow - state.lastEmitWall() >= repeatInterval.toMillis())) {
            state = state.withRefinedBy(refinerSeen(catalog, states, signature, hit.scope(), hit.eventTime())
                    .orElse(state.refinedBy())).emittedAt(wallNow);
            emit.add(render(catalog, state, signature, Diagnosis.FIRING));
        }
        put.put(id, state);
        return new Result(put, List.of(), emit);
    }

    /**
     * Checks the state under {@code id} for quiet at wall-clock {@code wallNow}: quiet for its signature's
     * resolve period (or its window, while not firing), it is forgotten, and resolved if it was firing.
     * A state whose signature left the catalogue is forgotten without a record.
     */
    public static Result onQuietCheck(SignatureCatalog catalog, String id, DiagnosisState state, long wallNow) {
        Signature signature = catalog.find(state.signature()).orElse(null);
        if (signature == null) {
            return new Result(Map.of(), List.of(id), List.of());
        }
        if (!FireCount.quiet(state, signature, wallNow)) {
            return Result.NONE;
        }
        List<Diagnosis> emit = state.firing() ? List.of(render(catalog, state, signature, Diagnosis.RESOLVED)) : List.of();
        return new Result(Map.of(), List.of(id), emit);
    }

    /** The firing diagnosis a state stands for, if it is firing and its signature is still in the catalogue. */
    public static Optional<Diagnosis> firing(SignatureCatalog catalog, DiagnosisState state) {
        if (!state.firing()) {
            return Optional.empty();
        }
        return catalog.find(state.signature()).map(s -> render(catalog, state, s, Diagnosis.FIRING));
    }

    /**
     * Marks the generic diagnosis of this scope as explained by {@code refiner}, when the generic
     * signature was seen within its window; re-emits it if it is firing.
     */
    private static boolean refine(SignatureCatalog catalog, Function<String, DiagnosisState> states, Signature generic,
                                  Signature refiner, Hit hit, long wallNow, Map<String, DiagnosisState> put,
                                  List<Diagnosis> emit) {
        String genericId = DiagnosisIds.of(generic.id(), hit.scope());
        DiagnosisState state = states.apply(genericId);
        if (state == null || Math.abs(hit.eventTime() - state.lastEventTime()) > generic.fire().window().toMillis()) {
            return false;
        }
        if (!refiner.id().equals(state.refinedBy())) {
            DiagnosisState refined = state.withRefinedBy(refiner.id()).emittedAt(state.firing() ? wallNow : state.lastEmitWall());
            put.put(genericId, refined);
            if (refined.firing()) {
                emit.add(render(catalog, refined, generic, Diagnosis.FIRING));
            }
        }
        return true;
    }

    /** A signature refining {@code generic} that was seen in this scope within the generic window. */
    private static Optional<String> refinerSeen(SignatureCatalog catalog, Function<String, DiagnosisState> states,
                                                Signature generic, Diagnosis.Scope scope, long eventTime) {
        for (Signature refiner : catalog.refinersOf(generic.id())) {
            DiagnosisState state = states.apply(DiagnosisIds.of(refiner.id(), scope));
            if (state != null && Math.abs(eventTime - state.lastEventTime()) <= generic.fire().window().toMillis()) {
                return Optional.of(refiner.id());
            }
        }
        return Optional.empty();
    }

    private static Diagnosis render(SignatureCatalog catalog, DiagnosisState state, Signature signature, String status) {
        Optional<Signature> refiner = Optional.ofNullable(state.refinedBy()).flatMap(catalog::find);
        return FireCount.diagnosis(state, signature, refiner, status);
    }
}
