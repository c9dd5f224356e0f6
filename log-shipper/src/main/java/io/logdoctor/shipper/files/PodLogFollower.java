package io.logdoctor.shipper.files;

import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.shipper.ShipperMetrics;
import io.logdoctor.shipper.decode.CriParser;
import io.logdoctor.shipper.decode.LineAssembler;
import io.logdoctor.shipper.decode.ParseResult;
import io.logdoctor.shipper.sink.LogSink;

import io.logdoctor.records.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One container log file followed into records: its lines ({@link FileTailer}) assembled into entries
 * ({@link LineAssembler}: CRI or docker json-file, partial lines, multi-line events), labelled with the
 * pod's metadata ({@link PodLogPath}) and handed to a sink.
 *
 * <p>{@link #checkpoint()} describes exactly what has been handed out, so a restart from it neither
 * repeats nor skips a line. Not thread-safe.
 */
final class PodLogFollower implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(PodLogFollower.class);
    /** Problems are logged for the first of each file, then one in this many. */
    private static final long LOG_EVERY = 1000;

    private final PodLogPath pod;
    private final FileTailer tailer;
    private LineAssembler assembler;
    private final ShipperConfig config;
    private final ShipperMetrics metrics;
    private String file;
    private LogSink sink;
    private Instant now;
    private long sentLines;
    private long sentBytes;
    private long malformed;
    private long truncated;

    /**
     * A follower of the file open in {@code tailer}, resuming at {@code resume} (null: from 0).
     */
    PodLogFollower(Path path, PodLogPath pod, FileTailer tailer, FileCheckpoint resume, ShipperConfig config,
                   ShipperMetrics metrics) {
        this.file = path.toString();
        this.pod = pod;
        this.tailer = tailer;
        this.config = config;
        this.metrics = metrics;
        this.assembler = new LineAssembler(config.maxLineBytes(), config.multilinePattern(), config.multilineFlush(),
                resume);
        tailer.seek(resume == null ? 0 : resume.offset());
    }

    /**
     * Reads what the file has now (up to about {@code byteBudget} bytes) and sends each complete entry,
     * and any multi-line event that waited long enough.
     *
     * @return the number of bytes read; 0 means nothing new
     */
    long poll(LogSink sink, long byteBudget, Instant now) throws IOException {
        this.sink = sink;
        this.now = now;
        try {
            long read = tailer.read(handler, byteBudget);
            if (read > 0 && config.multilinePattern() != null) {
                quietSinceWritten(now);
            }
            assembler.flushIdle(now, output);
            return read;
        } finally {
            this.sink = null;
        }
    }

    /**
     * Lines read at a file's end that were written a while ago (by a restarted shipper, or a file found late) have
     * had their quiet time already: nothing came after them since the file's last write. The joiner counts it from
     * then, not from now, so a restart does not hold the last line of each file another flush interval. Measured
     * on the system clock (the file's time is on it), applied to {@code now}'s.
     */
    private void quietSinceWritten(Instant now) throws IOException {
        Instant written = tailer.unchangedSince();
        if (written != null) {
            Duration quiet = Duration.between(written, Instant.now());
            if (!quiet.isNegative()) {
                assembler.quietSince(now.minus(quiet));
            }
        }
    }

    /**
     * Sends the multi-line events held for a continuation now rather than after the joiner's quiet time:
     * for a rotation read to its end, whose continuation (if any) is in the new file anyway. Partial
     * ({@code P}) lines stay held: their rest can still come.
     */
    void flushHeld(LogSink sink, Instant now) {
        this.sink = sink;
        this.now = now;
        try {
            assembler.flushIdle(Instant.MAX, output);
        } finally {
            this.sink = null;
        }
    }

    /** Sends everything held (an open multi-line event): the file is read to its end and will not grow. */
    void finish(LogSink sink, Instant now) {
        this.sink = sink;
        this.now = now;
        try {
            assembler.finish(output);
        } finally {
            this.sink = null;
        }
    }

    private final FileTailer.LineHandler handler = (text, offset, cut) -> assembler.accept(text, offset, cut, now, this.output);

    /**
     * The runtime's usual shape (four-digit year, valid date, Z or an offset) is in range from 1970 on;
     * anything else java.time accepted (years like +999999999, whose millis overflow downstream) is checked
     * and, out of range, replaced by the read time and flagged (issue 10). The check costs a java.time
     * parse, so the common shape skips it.
     */
    private static boolean needsRangeCheck(String ts) {
        return ts != null && (!CriParser.isCommonRfc3339(ts) || ts.compareTo("1970-01-02") < 0);
    }

    private final LineAssembler.Output output = new LineAssembler.Output() {
        @Override
        public void entry(ParseResult.Entry entry) {
            String line = entry.message();
            LogRecord record = LogRecord.k8s(entry.timestamp(), config.cluster(), config.node(), pod.namespace(), pod.pod(),
                    pod.container(), entry.stream(), line, file, entry.offset(), entry.truncated());
            if (needsRangeCheck(entry.timestamp())) {
                record = record.withCheckedTs(now);
                if (record.tsInvalid() != null) {
                    metrics.tsReplaced.increment();
                }
            }
            sink.send(record);
            sentLines++;
            sentBytes += line.length();
            if (entry.truncated()) {
                metrics.truncated.increment();
                if (truncated++ % LOG_EVERY == 0) {
                    log.warn("line cut at {} bytes in {} at offset {} ({} so far in this file); sent with truncated=true",
                            config.maxLineBytes(), file, entry.offset(), truncated);
                }
            }
            if (line.indexOf('\uFFFD') >= 0) {
                metrics.invalidUtf8.increment();
            }
        }

        @Override
        public void malformed(long offset, String reason) {
            metrics.malformed.increment();
            if (malformed++ % LOG_EVERY == 0) {
                log.warn("malformed line in {} at offset {} ({} so far in this file), skipped: {}",
                        file, offset, malformed, reason);
            }
        }
    };

    /** Goes back to {@code base} (null: the start), dropping everything read since: the sink aborted. */
    void reset(FileCheckpoint base) {
        assembler = new LineAssembler(config.maxLineBytes(), config.multilinePattern(), config.multilineFlush(), base);
        tailer.seek(base == null ? 0 : base.offset());
        sentLines = 0;
        sentBytes = 0;
    }

    /** The first bytes of the file now. */
    byte[] head() throws IOException {
        return tailer.head();
    }

    /** Where to resume after a restart: see {@link FileCheckpoint}; it carries the file's size as last read. */
    FileCheckpoint checkpoint() throws IOException {
        LineAssembler.ResumeState state = assembler.resumeState(tailer.offset());
        FileCheckpoint c = FileCheckpoint.of(file, tailer.fingerprint(), state.offset(), state.end(), state.streams(),
                state.format());
        long size = tailer.lastSize();
        if (size < 0 && !tailer.compressed()) {
            // Followed but not read yet (a restart killed before its first round, a busy round): the size it has
            // now is what is known to be unread, so losing it is counted, not taken for "read to its end".
            size = tailer.size();
        }
        return size < 0 ? c : c.withSize(size);
    }

    /** Looks, without reading, whether the content changed under the read position (see {@link #replaced()}). */
    boolean checkReplaced() throws IOException {
        return tailer.checkReplaced();
    }

    /** True once the file's content was replaced under the read position (see {@link FileTailer#replaced()}). */
    boolean replaced() {
        return tailer.replaced();
    }

    /** True if the last poll reached the end of the file. */
    boolean atEnd() {
        return tailer.atEnd();
    }

    boolean compressed() {
        return tailer.compressed();
    }

    /** The file was renamed (rotated): records name the new path from now on. */
    void movedTo(Path path) {
        if (!file.equals(path.toString())) {
            log.info("{} is now {} (rotated); reading it to its end", file, path);
            file = path.toString();
        }
    }

    String file() {
        return file;
    }

    FileFingerprint fingerprint() throws IOException {
        return tailer.fingerprint();
    }

    long lag() {
        return tailer.lag();
    }

    /** Records sent since the last call, and their text bytes: counted as shipped once committed. */
    long[] takeSent() {
        long[] sent = {sentLines, sentBytes};
        sentLines = 0;
        sentBytes = 0;
        return sent;
    }

    @Override
    public void close() throws IOException {
        tailer.close();
    }
}
