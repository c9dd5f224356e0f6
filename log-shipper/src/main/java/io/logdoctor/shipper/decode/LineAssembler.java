package io.logdoctor.shipper.decode;

import io.logdoctor.shipper.files.FileCheckpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns the physical lines of one container log into entries: detects the format from the first line
 * ({@code {} starts docker json-file, anything else is CRI), joins partial lines per stream, then joins
 * continuation lines per stream ({@link MultilineJoiner}).
 *
 * <p>It also knows exactly what is still open, which is what makes exactly-once resumption possible:
 * {@link #resumeState} says from where to read again and, per stream, which lines were already shipped;
 * given that state back, it drops the lines that were shipped while it rebuilds the open ones.
 * Not thread-safe.
 */
public final class LineAssembler {

    /** Docker and CRI only know stdout and stderr; a file that claims more streams is not believed. */
    private static final int MAX_STREAMS = 8;

    /** What came out of one physical line. */
    public interface Output {
        void entry(ParseResult.Entry entry);

        void malformed(long offset, String reason);
    }

    /** Where to resume: see {@link FileCheckpoint}. */
    public record ResumeState(long offset, long end, Map<String, Long> streams, String format) {
    }

    private final int maxChars;
    private final Pattern continuation;
    private final Duration flushAfter;
    private final Map<String, StreamState> streams = new LinkedHashMap<>();
    private String format;
    private FileCheckpoint resume;

    public LineAssembler(int maxChars, Pattern continuation, Duration flushAfter, FileCheckpoint resume) {
        this(maxChars, continuation, flushAfter, resume, resume == null ? null : resume.format());
    }

    /** An assembler for files known to be in {@code format} ({@code cri}, {@code docker} or {@code kubectl}). */
    public static LineAssembler forFormat(String format, int maxChars, Pattern continuation) {
        return new LineAssembler(maxChars, continuation, Duration.ofDays(365), null, format);
    }

    private LineAssembler(int maxChars, Pattern continuation, Duration flushAfter, FileCheckpoint resume, String format) {
        this.maxChars = maxChars;
        this.continuation = continuation;
        this.flushAfter = flushAfter;
        this.resume = resume;
        this.format = format;
    }

    /** {@code cri}, {@code docker}, {@code kubectl}, or null before the first line. */
    String format() {
        return format;
    }

    /**
     * Takes one physical line.
     *
     * @param offset    where the line starts in the file
     * @param truncated true if the reader cut the line at its length limit
     */
    public void accept(String text, long offset, boolean truncated, Instant now, Output out) {
        if (format == null) {
            format = text.startsWith("{") ? "docker" : "cri";
        }
        CriLine line;
        try {
            line = switch (format) {
                case "docker" -> DockerJsonParser.parseLine(text);
                case "kubectl" -> KubectlLogsParser.parseLine(text);
                default -> CriParser.parseLine(text);
            };
        } catch (CriParser.MalformedLine e) {
            if (resume == null || offset >= resume.end()) { // below end it was counted before the restart
                out.malformed(offset, e.getMessage());
            }
            return;
        }
        if (resume != null && resume.shipped(line.stream(), offset)) {
            return;
        }
        StreamState state = streams.get(line.stream());
        if (state == null) {
            if (streams.size() >= MAX_STREAMS) {
                out.malformed(offset, "more than " + MAX_STREAMS + " streams in one file; was " + line.stream());
                return;
            }
            state = new StreamState(new MultilineJoiner(continuation, maxChars, flushAfter));
            streams.put(line.stream(), state);
        }
        state.partial.append(line, offset, truncated, maxChars);
        if (!line.partial()) {
            state.joiner.accept(state.partial.complete(line.stream()), now, out::entry);
        }
    }

    /** Emits the multi-line events that waited {@code flushAfter} for a continuation that did not come. */
    public void flushIdle(Instant now, Output out) {
        streams.values().forEach(s -> s.joiner.flushIfIdle(now, out::entry));
    }

    /** The events held for a continuation had their last line written by {@code written}: their quiet time started then. */
    public void quietSince(Instant written) {
        streams.values().forEach(s -> s.joiner.quietSince(written));
    }

    /** Emits everything held, partial lines included: the file has ended for good (it was deleted). */
    public void finish(Output out) {
        streams.forEach((name, s) -> {
            if (!s.partial.isEmpty()) {
                s.joiner.accept(s.partial.complete(name), Instant.MAX, out::entry);
            }
            s.joiner.flush(out::entry);
        });
    }

    /** The file was truncated and is read again from 0: nothing held belongs to it any more. */
    void restart() {
        streams.clear();
        resume = null;
        format = null;
    }

    /** The state to save, given that the reader has handed out every line before {@code readerOffset}. */
    public ResumeState resumeState(long readerOffset) {
        if (resume != null && readerOffset >= resume.end()) {
            resume = null; // every line the old checkpoint knew about has been seen again
        }
        long end = resume == null ? readerOffset : Math.max(readerOffset, resume.end());
        Map<String, Long> open = new TreeMap<>();
        long from = readerOffset;
        Set<String> names = new TreeSet<>(streams.keySet());
        if (resume != null) {
            names.addAll(resume.streams().keySet());
        }
        for (String name : names) {
            StreamState state = streams.get(name);
            OptionalLong pending = state == null ? OptionalLong.empty() : state.pendingOffset();
            long skip = pending.isPresent() ? pending.getAsLong()
                    : Math.max(readerOffset, resume == null ? -1 : resume.streams().getOrDefault(name, resume.end()));
            if (skip < end) {
                open.put(name, skip);
            }
            from = Math.min(from, skip);
        }
        return new ResumeState(from, end, open, format);
    }

    /** One stream's partial line and multi-line event. */
    private static final class StreamState {
        private final MultilineJoiner joiner;
        private final PartialLine partial = new PartialLine();

        StreamState(MultilineJoiner joiner) {
            this.joiner = joiner;
        }

        OptionalLong pendingOffset() {
            OptionalLong held = joiner.pendingOffset();
            if (partial.isEmpty()) {
                return held;
            }
            long offset = partial.offset();
            return OptionalLong.of(held.isPresent() ? Math.min(held.getAsLong(), offset) : offset);
        }
    }
}
