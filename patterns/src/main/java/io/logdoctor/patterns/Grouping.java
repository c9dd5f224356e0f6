package io.logdoctor.patterns;

import io.logdoctor.records.Globs;
import io.logdoctor.records.Labels;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a signature's diagnoses become incidents (Alertmanager's group_by and inhibit_rules, per signature).
 *
 * @param groupBy  the labels that split its diagnoses into incidents; empty: the app's global setting
 * @param inhibits what a firing diagnosis of this signature explains, and so holds back
 */
public record Grouping(Optional<List<String>> groupBy, List<Inhibit> inhibits) {

    /** The labels a diagnosis carries for grouping, inhibition and silences. */
    public static final Set<String> LABELS = Labels.SCOPE;

    /** No group_by of its own, inhibits nothing. */
    public static final Grouping DEFAULT = new Grouping(Optional.empty(), List.of());

    public Grouping {
        groupBy = groupBy.map(List::copyOf);
        inhibits = List.copyOf(inhibits);
    }

    /**
     * One inhibition: a firing diagnosis of this signature inhibits the diagnoses of {@code signatures}
     * (ids, or globs with {@code *}) whose {@code equal} labels have the same values as its own.
     */
    public record Inhibit(List<String> signatures, List<String> equal) {

        public Inhibit {
            signatures = List.copyOf(signatures);
            equal = List.copyOf(equal);
        }

        /** True when {@code signature} is one this rule names (a {@code *} stands for any text). */
        public boolean targets(String signature) {
            for (String s : signatures) {
                if (s.contains("*") ? signature.matches(Globs.regex(s)) : s.equals(signature)) {
                    return true;
                }
            }
            return false;
        }
    }
}
