package io.logdoctor.shipper.sink;

import io.logdoctor.shipper.files.FileCheckpoint;

import io.logdoctor.records.LogRecord;

import java.util.Map;
import java.util.Set;

/**
 * Where shipped records and the file checkpoints that cover them go, as one unit of work. The reading
 * side only knows this interface, so it is tested without Kafka.
 *
 * <p>Contract: {@link #commit} returns only when every record sent since the last commit and the given
 * checkpoints are durably stored; with {@link TransactionalSink} both become visible atomically or not at
 * all (exactly once), with {@link KafkaSink} the checkpoints are saved only after the records (at least
 * once). If anything failed, {@code commit} or {@code send} throws {@link SinkFailedException}; the caller
 * then calls {@link #abort} and reads again from the last committed checkpoints.
 */
public interface LogSink extends AutoCloseable {

    /** The committed checkpoints of this node by file key, read once before the first send. */
    Map<String, FileCheckpoint> restore();

    /**
     * The committed checkpoints of this node's other sources (CloudWatch log groups), by namespaced key
     * ({@code cloudwatch/<logGroup>}) with their JSON; read by {@link #restore()}, so call it after that.
     */
    default Map<String, byte[]> restoredSources() {
        return Map.of();
    }

    /**
     * Adds another source's checkpoint to the unit of work: it becomes durable with the records sent so
     * far at the next {@link #commit}, or is thrown away with them by {@link #abort}.
     *
     * @param key        a namespaced key such as {@code cloudwatch/<logGroup>}, never a file key
     * @param checkpoint the checkpoint (written as JSON), or null to delete the key
     * @throws UnsupportedOperationException if this sink keeps only file checkpoints (at least once)
     */
    default void sendCheckpoint(String key, Object checkpoint) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps file checkpoints only");
    }

    /** Hands over one record; may block while the producer's buffer is full (backpressure), never drops. */
    void send(LogRecord record);

    /**
     * Makes everything sent since the last commit durable together with these checkpoints.
     *
     * @param all     every live checkpoint (a file-based sink rewrites them all)
     * @param changed the keys of {@code all} that changed since the last commit
     * @param removed keys whose files are gone: their checkpoints are deleted
     */
    void commit(Map<String, FileCheckpoint> all, Set<String> changed, Set<String> removed);

    /** Throws away the unit of work after a failure and makes the sink usable again. */
    void abort();

    /** Releases the sink; uncommitted work is not kept. */
    @Override
    void close();

    /** A record or checkpoint could not be stored: the unit of work must be aborted and read again. */
    final class SinkFailedException extends RuntimeException {
        private final boolean fatal;
        private final boolean outcomeUnknown;

        public SinkFailedException(String message, Throwable cause, boolean fatal) {
            this(message, cause, fatal, false);
        }

        public SinkFailedException(String message, Throwable cause, boolean fatal, boolean outcomeUnknown) {
            super(message, cause);
            this.fatal = fatal;
            this.outcomeUnknown = outcomeUnknown;
        }

        /**
         * True if the commit may have happened all the same (it timed out after being sent): the committed
         * checkpoints must be read back ({@link #restore()}) before reading on, not assumed.
         */
        public boolean outcomeUnknown() {
            return outcomeUnknown;
        }

        /** True if retrying cannot help (fenced by a newer instance, not authorized): the shipper stops. */
        public boolean fatal() {
            return fatal;
        }
    }
}
