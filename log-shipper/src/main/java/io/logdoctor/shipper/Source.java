package io.logdoctor.shipper;

import io.logdoctor.shipper.sink.LogSink;

import io.logdoctor.records.ServiceMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * A source read in the same rounds and transactions as the node's files (CloudWatch log groups, the node
 * journal, Kubernetes Events): what {@link ShipperLoop} needs to ship it exactly once. A new source is one
 * class implementing this and one registration in {@link LogShipper}.
 *
 * <p>Its checkpoints live beside the files' in the node's offsets, each key under the source's own
 * namespace ({@link #keyPrefix()}), and become durable in the same Kafka transaction as its records.
 */
public interface Source extends AutoCloseable {

    /** The namespace of this source's checkpoint keys, such as {@code cloudwatch/}; unique per source. */
    String keyPrefix();

    /** Takes the committed checkpoints whose keys start with {@link #keyPrefix()} (full key and JSON); reading resumes from them. */
    void restore(Map<String, byte[]> committed);

    /**
     * Reads what is there without blocking long and hands it to {@code sink}.
     *
     * @return true if more is ready now, so the next round should not wait
     */
    boolean poll(LogSink sink, Instant now);

    /** Adds the checkpoints of what was sent since the last commit to the unit of work ({@link LogSink#sendCheckpoint}). */
    void stage(LogSink sink);

    /** The unit of work was committed: what was staged is now the committed position. */
    void committed();

    /** The unit of work was aborted: read again from the committed position. */
    void rewind(Instant now);

    /** Why this source cannot read now (its API unreachable, refused), for {@code /readyz}; null when it can. */
    default String problem() {
        return null;
    }

    /** Registers this source's meters. */
    default void bindMetrics(ServiceMetrics registry, Clock clock) {
    }

    @Override
    void close();
}
