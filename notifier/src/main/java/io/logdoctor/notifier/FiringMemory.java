package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What has been sent as firing and not resolved since, per partition: diagnosis id to the
 * {@code refinedBy} last sent. It only holds diagnoses firing right now, so it stays as small as the
 * incident list. The state after a record depends on that record alone (firing: remembered with its
 * refinedBy; resolved or tombstone: forgotten), which is why folding the compacted topic up to the
 * committed offset rebuilds exactly the memory the notifier had ({@link MemoryRebuilder}).
 */
final class FiringMemory {

    /** The refinedBy of a diagnosis that fired without refinement. */
    private static final String UNREFINED = "";

    private final Map<Integer, Map<String, String>> byPartition = new HashMap<>();

    /** What {@code d} means given what was sent, without changing the memory. */
    Transition classify(int partition, String id, Diagnosis d) {
        if (d == null) {
            return Transition.NONE;
        }
        String sent = byPartition.getOrDefault(partition, Map.of()).get(id);
        if (Diagnosis.FIRING.equals(d.status())) {
            if (sent == null) {
                return Transition.FIRE;
            }
            return Objects.equals(sent, refinedBy(d)) ? Transition.REPEAT : Transition.REFINE;
        }
        if (Diagnosis.RESOLVED.equals(d.status())) {
            return sent == null ? Transition.RESOLVE_UNSEEN : Transition.RESOLVE;
        }
        return Transition.NONE;
    }

    /** Records that {@code d} (or the tombstone of {@code id}) has been dealt with. */
    void apply(int partition, String id, Diagnosis d) {
        Map<String, String> firing = byPartition.computeIfAbsent(partition, p -> new HashMap<>());
        if (d != null && Diagnosis.FIRING.equals(d.status())) {
            firing.put(id, refinedBy(d));
        } else {
            firing.remove(id);
        }
    }

    /** Drops a partition this instance no longer owns: its new owner rebuilds it. */
    void forget(int partition) {
        byPartition.remove(partition);
    }

    /** How many diagnoses are remembered as firing, for the log. */
    int firing() {
        return byPartition.values().stream().mapToInt(Map::size).sum();
    }

    private static String refinedBy(Diagnosis d) {
        return d.refinedBy() == null ? UNREFINED : d.refinedBy();
    }
}
