package io.logdoctor.shipper;

import io.logdoctor.records.LogRecord;

import java.util.ArrayList;
import java.util.List;

/** An in-memory sink for tests: keeps what was flushed, and can be told to fail the next flush. */
final class RecordingSink implements LogSink {

    final List<LogRecord> sent = new ArrayList<>();
    final List<LogRecord> flushed = new ArrayList<>();
    boolean failNextFlush;
    boolean closed;

    @Override
    public void send(LogRecord record) {
        sent.add(record);
    }

    @Override
    public void flush() {
        if (failNextFlush) {
            throw new SinkFailedException("a send to logs.raw failed: broker says no", new RuntimeException("no"));
        }
        flushed.clear();
        flushed.addAll(sent);
    }

    @Override
    public void close() {
        closed = true;
    }

    List<String> lines() {
        return sent.stream().map(LogRecord::line).toList();
    }
}
