package io.logdoctor.shipper;

import io.logdoctor.shipper.files.FileCheckpoint;
import io.logdoctor.shipper.sink.LogSink;

import io.logdoctor.records.LogRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * An in-memory transactional sink for tests: records and checkpoints become {@link #committed} together,
 * {@link #abort} drops what was sent since, and it can be told to fail the next commit.
 */
final class RecordingSink implements LogSink {

    final List<LogRecord> committed = new ArrayList<>();
    final Map<String, FileCheckpoint> checkpoints = new HashMap<>();
    private final List<LogRecord> open = new ArrayList<>();
    boolean failNextCommit;
    /**
     * Kafka away, as a transactional producer meets it: sends are buffered, a commit times out (outcome
     * unknown; here nothing is committed), and reading the checkpoints back fails until it returns.
     */
    boolean down;
    /** The next commit happens but reports a failure of unknown outcome (a commit that timed out). */
    boolean commitButTimeOutNext;
    /** Set: the next commit blocks until it counts down, then fails (a commit stuck while Kafka is away). */
    volatile CountDownLatch blockNextCommit;
    int aborts;
    boolean closed;

    @Override
    public Map<String, FileCheckpoint> restore() {
        if (down) {
            throw new TimeoutException("Kafka is away");
        }
        return Map.copyOf(checkpoints);
    }

    @Override
    public void send(LogRecord record) {
        open.add(record);
    }

    @Override
    public void commit(Map<String, FileCheckpoint> all, Set<String> changed, Set<String> removed) {
        if (down) {
            throw new SinkFailedException("the commit timed out", new RuntimeException("timeout"), false, true);
        }
        CountDownLatch block = blockNextCommit;
        if (block != null) {
            blockNextCommit = null;
            try {
                block.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SinkFailedException("Transaction Request was aborted after exhausting retries", new RuntimeException("abortable"), false);
        }
        if (failNextCommit) {
            failNextCommit = false;
            throw new SinkFailedException("broker says no", new RuntimeException("no"), false);
        }
        committed.addAll(open);
        open.clear();
        changed.forEach(k -> checkpoints.put(k, all.get(k)));
        removed.forEach(checkpoints::remove);
        if (commitButTimeOutNext) {
            commitButTimeOutNext = false;
            throw new SinkFailedException("the commit timed out", new RuntimeException("timeout"), false, true);
        }
    }

    @Override
    public void abort() {
        aborts++;
        open.clear();
    }

    @Override
    public void close() {
        closed = true;
    }

    List<String> lines() {
        return committed.stream().map(LogRecord::line).toList();
    }
}
