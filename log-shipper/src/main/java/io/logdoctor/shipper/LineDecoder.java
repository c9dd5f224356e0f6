package io.logdoctor.shipper;

import java.util.List;
import java.util.Locale;

/**
 * Turns the physical lines of a log file into the log lines they carry, for tools that read files
 * offline ({@code logdoctor match}): {@code raw} lines as they are, {@code cri} and {@code docker}
 * lines unwrapped and their partial pieces joined, with the same parsers the shipper uses.
 */
public final class LineDecoder {

    private static final int MAX_CHARS = ShipperConfig.DEFAULT_MAX_LINE_BYTES;

    private final String format;
    private final CriParser cri = new CriParser(MAX_CHARS);
    private final DockerJsonParser docker = new DockerJsonParser(MAX_CHARS);
    private long malformed;

    private LineDecoder(String format) {
        this.format = format;
    }

    /**
     * A decoder for {@code raw}, {@code cri} or {@code docker}.
     *
     * @throws IllegalArgumentException for any other format, naming the ones there are
     */
    public static LineDecoder of(String format) {
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        if (!List.of("raw", "cri", "docker").contains(f)) {
            throw new IllegalArgumentException("unknown format '" + format + "'; use raw, cri or docker");
        }
        return new LineDecoder(f);
    }

    /** A log line with the time and stream its wrapper gave it (null for raw lines). */
    public record Decoded(String ts, String stream, String line) {
    }

    /** The log lines that {@code physicalLine} completes: none for a partial piece or a malformed line. */
    public List<String> feed(String physicalLine) {
        return decode(physicalLine).stream().map(Decoded::line).toList();
    }

    /** Like {@link #feed}, with the time and stream of each line. */
    public List<Decoded> decode(String physicalLine) {
        ParseResult result = switch (format) {
            case "cri" -> cri.accept(physicalLine, 0, false);
            case "docker" -> docker.accept(physicalLine, 0);
            default -> new ParseResult.Entry(null, null, physicalLine, 0, false);
        };
        if (result instanceof ParseResult.Entry entry) {
            return List.of(new Decoded(entry.timestamp(), entry.stream(), entry.message()));
        }
        if (result instanceof ParseResult.Malformed) {
            malformed++;
        }
        return List.of();
    }

    /** How many lines were not valid in this format and were skipped. */
    public long malformed() {
        return malformed;
    }
}
