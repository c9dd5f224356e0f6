package io.logdoctor.shipper;

import io.logdoctor.records.LogRecord;

/**
 * Where shipped records go. The reading side only knows this interface, so it is tested without Kafka;
 * {@link KafkaSink} is the real one.
 *
 * <p>Contract: {@link #flush()} returns only when every record sent before it is durably stored, and
 * throws if any of them failed; only then may the files' offsets be checkpointed. Once a send has failed
 * the sink stays failed: later calls throw too.
 */
interface LogSink extends AutoCloseable {

    /** Hands over one record; may return before it is stored, and throws if an earlier send failed. */
    void send(LogRecord record);

    /** Blocks until every record sent so far is stored; throws {@link SinkFailedException} if any failed. */
    void flush();

    /** Releases the sink, waiting a bounded time for records in flight unless it has failed. */
    @Override
    void close();

    /** A record could not be stored: the shipper must stop advancing checkpoints and stop. */
    final class SinkFailedException extends RuntimeException {
        SinkFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
