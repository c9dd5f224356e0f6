package io.logdoctor.shipper.decode;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins the continuation lines of one stream (a Java stack trace's {@code at ...}, {@code Caused by:},
 * {@code ... 12 more}, tab-indented lines) onto the line they continue, so an event is one record.
 *
 * <p>Each entry is held until the next entry of the same stream shows it is complete (not a continuation),
 * or until {@code flushAfter} passes without one, like Fluent Bit's {@code flush_timeout} and Vector's
 * {@code timeout_ms}. An event is bounded at {@code maxChars}: past it, further continuation text is cut
 * and the event is marked truncated. With no continuation pattern entries pass straight through.
 * One instance per stream; not thread-safe.
 */
public final class MultilineJoiner {

    /**
     * The default continuation rules: indented {@code at } frames, {@code Caused by:} and
     * {@code Suppressed:}, {@code ... N more} / {@code ... N common frames omitted}, and any line
     * starting with a tab.
     */
    public static final String DEFAULT_CONTINUATION =
            "^(\\s+at |\\s*Caused by: |\\s+Suppressed: |\\s*\\.\\.\\. \\d+ (more|common frames omitted)|\\t)";

    private final Pattern continuation;
    private final Matcher matcher;
    private final int maxChars;
    private final Duration flushAfter;
    private final StringBuilder text = new StringBuilder();
    private ParseResult.Entry first;
    /** Whether {@link #text} holds the event: only once a continuation came; a lone line is passed on as it is. */
    private boolean joined;
    private boolean truncated;
    private Instant lastAppend;

    /** A joiner; {@code continuation} null means every entry stands alone. */
    MultilineJoiner(Pattern continuation, int maxChars, Duration flushAfter) {
        this.continuation = continuation;
        this.matcher = continuation == null ? null : continuation.matcher("");
        this.maxChars = maxChars;
        this.flushAfter = flushAfter;
    }

    /** Takes the next entry of the stream; hands completed events to {@code out}. */
    void accept(ParseResult.Entry entry, Instant now, Consumer<ParseResult.Entry> out) {
        if (continuation == null) {
            out.accept(entry);
            return;
        }
        if (first != null && matcher.reset(entry.message()).find()) {
            if (!joined) {
                append(first.message());
                joined = true;
            }
            append("\n");
            append(entry.message());
            truncated |= entry.truncated();
            lastAppend = now;
            return;
        }
        flush(out);
        first = entry;
        truncated = entry.truncated();
        lastAppend = now;
    }

    /** The held event's last line was written by {@code written} (nothing came after it since): its quiet time started then. */
    void quietSince(Instant written) {
        if (first != null && written.isBefore(lastAppend)) {
            lastAppend = written;
        }
    }

    /** Emits the held event if nothing was added to it for {@code flushAfter}. */
    void flushIfIdle(Instant now, Consumer<ParseResult.Entry> out) {
        if (first != null && !now.isBefore(lastAppend.plus(flushAfter))) {
            flush(out);
        }
    }

    /** Emits the held event, if any. */
    void flush(Consumer<ParseResult.Entry> out) {
        if (first == null) {
            return;
        }
        if (!joined && first.message().length() <= maxChars) {
            ParseResult.Entry event = first;   // a line on its own: no copy
            first = null;
            truncated = false;
            out.accept(event);
            return;
        }
        if (!joined) {
            append(first.message());   // cut at maxChars, as when joined
        }
        ParseResult.Entry event = new ParseResult.Entry(first.timestamp(), first.stream(), text.toString(),
                first.offset(), truncated);
        first = null;
        joined = false;
        truncated = false;
        text.setLength(0);
        if (text.capacity() > 64 * 1024) {
            text.trimToSize(); // do not keep one long trace's buffer for the life of the file
        }
        out.accept(event);
    }

    /** The file offset where the held event starts, if one is held. */
    OptionalLong pendingOffset() {
        return first == null ? OptionalLong.empty() : OptionalLong.of(first.offset());
    }

    private void append(String part) {
        int room = maxChars - text.length();
        if (part.length() <= room) {
            text.append(part);
            return;
        }
        if (room > 0 && Character.isHighSurrogate(part.charAt(room - 1))) {
            room--; // never split a surrogate pair
        }
        if (room > 0) {
            text.append(part, 0, room);
        }
        truncated = true;
    }
}
