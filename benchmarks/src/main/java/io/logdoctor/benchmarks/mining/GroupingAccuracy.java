package io.logdoctor.benchmarks.mining;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grouping accuracy as the Loghub papers define it (Zhu et al., ICSE-SEIP 2019, section IV-A; the
 * {@code get_accuracy} of logparser's evaluator): a line is parsed correctly iff the set of lines in its
 * predicted group equals the set of lines of its ground-truth event.
 */
public final class GroupingAccuracy {

    private GroupingAccuracy() {
    }

    /** The share of lines whose predicted group is exactly their true group; labels are per line. */
    public static double of(List<?> predicted, List<?> truth) {
        if (predicted.size() != truth.size()) {
            throw new IllegalArgumentException(predicted.size() + " predictions for " + truth.size() + " lines");
        }
        Map<Object, Integer> truthSize = new HashMap<>();
        for (Object t : truth) {
            truthSize.merge(t, 1, Integer::sum);
        }
        Map<Object, Set<Object>> truthsOfGroup = new HashMap<>();
        Map<Object, Integer> groupSize = new HashMap<>();
        for (int i = 0; i < predicted.size(); i++) {
            truthsOfGroup.computeIfAbsent(predicted.get(i), k -> new HashSet<>()).add(truth.get(i));
            groupSize.merge(predicted.get(i), 1, Integer::sum);
        }
        long correct = 0;
        for (Map.Entry<Object, Set<Object>> e : truthsOfGroup.entrySet()) {
            Set<Object> truths = e.getValue();
            int size = groupSize.get(e.getKey());
            if (truths.size() == 1 && truthSize.get(truths.iterator().next()) == size) {
                correct += size;
            }
        }
        return (double) correct / predicted.size();
    }
}
