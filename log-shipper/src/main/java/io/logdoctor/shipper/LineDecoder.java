package io.logdoctor.shipper;

import io.logdoctor.shipper.decode.LineAssembler;
import io.logdoctor.shipper.decode.MultilineJoiner;
import io.logdoctor.shipper.decode.ParseResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the physical lines of a log file into the log lines they carry, for tools that read files
 * offline ({@code match}, {@code diagnose}, {@code discover}, {@code backtest --files}), through the
 * shipper's own {@link LineAssembler}: {@code cri}, {@code docker} and {@code kubectl} lines unwrapped,
 * partial lines joined and stack traces joined into one event exactly as the shipper ships them, so a
 * file diagnosed offline gives what the streams app gives for the same pod log. {@code raw} lines pass
 * as they are, one event each (the contract {@code match}'s line numbers and the precision checks
 * rely on).
 *
 * <p>An event is known to be complete only when the next line of its stream is not a continuation:
 * call {@link #finish} after the last line.
 */
public final class LineDecoder {

    /** The formats {@link #of} takes. */
    public static final List<String> FORMATS = List.of("raw", "cri", "docker", "kubectl");

    private static final int MAX_CHARS = ShipperConfig.DEFAULT_MAX_LINE_BYTES;
    private static final Pattern CONTINUATION = Pattern.compile(MultilineJoiner.DEFAULT_CONTINUATION);

    private final LineAssembler assembler;
    private final List<Decoded> completed = new ArrayList<>();
    private final LineAssembler.Output output = new LineAssembler.Output() {
        @Override
        public void entry(ParseResult.Entry entry) {
            completed.add(new Decoded(entry.timestamp(), entry.stream(), entry.message(), entry.offset(), entry.truncated()));
        }

        @Override
        public void malformed(long offset, String reason) {
            malformed++;
        }
    };
    private long physicalLines;
    private long malformed;

    private LineDecoder(LineAssembler assembler) {
        this.assembler = assembler;
    }

    /**
     * A decoder for one of {@link #FORMATS}.
     *
     * @throws IllegalArgumentException for any other format, naming the ones there are
     */
    public static LineDecoder of(String format) {
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new IllegalArgumentException("unknown format '" + format + "'; use " + String.join(", ", FORMATS));
        }
        return new LineDecoder(f.equals("raw") ? null : LineAssembler.forFormat(f, MAX_CHARS, CONTINUATION));
    }

    /**
     * A log line (or joined event) with the time and stream its wrapper gave it (null for raw lines).
     *
     * @param firstLine the 1-based number of the physical line where it starts
     */
    public record Decoded(String ts, String stream, String line, long firstLine, boolean truncated) {
    }

    /**
     * The log lines (with their time, stream and first line number) that {@code physicalLine} completes: none for
     * a partial piece, a held event or a malformed line.
     */
    public List<Decoded> decode(String physicalLine) {
        physicalLines++;
        if (assembler == null) {
            return List.of(new Decoded(null, null, physicalLine, physicalLines, false));
        }
        assembler.accept(physicalLine, physicalLines, false, Instant.EPOCH, output);
        return drain();
    }

    /** The events still held at the end of the input: partial lines and the last event of each stream. */
    public List<Decoded> finish() {
        if (assembler != null) {
            assembler.finish(output);
        }
        return drain();
    }

    /** How many lines were not valid in this format and were skipped. */
    public long malformed() {
        return malformed;
    }

    private List<Decoded> drain() {
        if (completed.isEmpty()) {
            return List.of();
        }
        List<Decoded> out = List.copyOf(completed);
        completed.clear();
        return out;
    }
}
