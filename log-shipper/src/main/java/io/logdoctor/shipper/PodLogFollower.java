package io.logdoctor.shipper;

import io.logdoctor.records.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One container log file followed into records: its lines ({@link FileTailer}) parsed as CRI
 * ({@link CriParser}), labelled with the pod's metadata ({@link PodLogPath}) and handed to a sink.
 *
 * <p>Its checkpoint never passes the start of a partial line still waiting for its end, so a restart
 * reads that line's parts again instead of losing them.
 */
final class PodLogFollower implements FileTailer.LineHandler, Closeable {

    private static final Logger log = LoggerFactory.getLogger(PodLogFollower.class);
    /** Malformed lines are logged: the first of each file, then one in this many. */
    private static final long MALFORMED_LOG_EVERY = 1000;

    private final PodLogPath pod;
    private final String file;
    private final String cluster;
    private final String node;
    private final FileTailer tailer;
    private final int maxLineBytes;
    private CriParser parser;
    private LogSink sink;
    private long sent;
    private long malformed;

    PodLogFollower(Path path, PodLogPath pod, long offset, String cluster, String node, int maxLineBytes) {
        this.pod = pod;
        this.file = path.toString();
        this.cluster = cluster;
        this.node = node;
        this.tailer = new FileTailer(path, offset, maxLineBytes);
        this.maxLineBytes = maxLineBytes;
        this.parser = new CriParser(maxLineBytes);
    }

    /**
     * Reads what the file has now (up to about {@code byteBudget} bytes) and sends each complete entry.
     *
     * @return the number of bytes read; 0 means nothing new
     */
    long poll(LogSink sink, long byteBudget) throws IOException {
        this.sink = sink;
        try {
            return tailer.read(this, byteBudget);
        } finally {
            this.sink = null;
        }
    }

    @Override
    public void line(String text, long offset, boolean truncated) {
        ParseResult result = parser.accept(text, offset, truncated);
        if (result instanceof ParseResult.Entry entry) {
            sink.send(LogRecord.k8s(entry.timestamp(), cluster, node, pod.namespace(), pod.pod(),
                    pod.container(), entry.stream(), entry.message(), file, entry.offset(), entry.truncated()));
            sent++;
        } else if (result instanceof ParseResult.Malformed bad) {
            malformed++;
            if (malformed == 1 || malformed % MALFORMED_LOG_EVERY == 0) {
                log.warn("malformed CRI line in {} at offset {} ({} so far in this file): {}",
                        file, offset, malformed, bad.reason());
            }
        }
    }

    @Override
    public void restarted() {
        parser = new CriParser(maxLineBytes); // partial lines of the old content will never end
    }

    /** The offset to resume from after a restart: the first byte whose line is not yet sent in full. */
    long checkpoint() {
        return Math.min(tailer.offset(), parser.pendingOffset().orElse(Long.MAX_VALUE));
    }

    /** The absolute path, as written in records and checkpoints. */
    String file() {
        return file;
    }

    /** The number of records sent from this file. */
    long sent() {
        return sent;
    }

    /** The number of lines of this file that were not CRI lines. */
    long malformed() {
        return malformed;
    }

    @Override
    public void close() throws IOException {
        tailer.close();
    }
}
