package io.logdoctor.notifier;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A counter per partition, bumped each time the partition is taken away: work read at an older
 * epoch is no longer ours. Bumped by the consumer thread, read by the delivery threads.
 */
final class PartitionEpochs {

    private final Map<Integer, Integer> epochs = new ConcurrentHashMap<>();

    int current(int partition) {
        return epochs.getOrDefault(partition, 0);
    }

    void bump(int partition) {
        epochs.merge(partition, 1, Integer::sum);
    }
}
