package io.logdoctor.cli;

import io.logdoctor.patterns.SignatureMatcher;
import io.logdoctor.shipper.LineDecoder;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * {@link LineDecoder} for cri, docker and kubectl files in bytes, which never sees most quiet lines
 * ({@link QuietLine}) yet gives the events that can match exactly as if it had seen them all, in the same
 * order, with the same line numbers and the same count of malformed lines.
 *
 * <p>What a skipped line would have done, per stream: (1) complete the event the decoder holds, which is
 * then printed at that line: so when the decoder holds a real event, a stand-in line of the same stream
 * (a short quiet line of our own, whose event is dropped) is fed in its place; (2) be held itself, to be
 * joined by continuation lines: so its bytes are kept, and fed before the stream's next line that is not
 * skipped (a partial piece, a continuation, a line with a literal), which replaces the stand-in. The first
 * line of each stream is always fed, so the decoder meets the streams in the file's order (it flushes
 * them in that order at the end). Docker lines not in dockerd's own shape end the skipping for the rest
 * of the file (their stream is not known without parsing them).
 */
final class SkippingDecoder {

    /** Receives an event that may match: its text and the file's line number where it starts. */
    interface Events {
        void event(String text, long line) throws IOException;
    }

    private final LineDecoder decoder;
    private final QuietLine shape;
    private final String[] standIn;
    private final Events events;
    private final Utf8Text text = new Utf8Text();
    /** By the decoder's own line number (1-based): the file's line number, or 0 for a stand-in. */
    private long[] fileLine = new long[1 << 12];
    private int fed;
    private long physical;
    private final boolean docker;
    private boolean skipping = true;
    private final boolean[] seen = new boolean[2];
    private final boolean[] holdsReal = new boolean[2];
    private final boolean[] partialOpen = new boolean[2];
    private final byte[][] held = new byte[2][256];
    private final int[] heldLength = new int[2];
    private final long[] heldLine = {-1, -1};

    SkippingDecoder(String format, SignatureMatcher matcher, Events events) {
        this.decoder = LineDecoder.of(format);
        this.shape = new QuietLine(format, matcher);
        this.events = events;
        this.docker = format.equals("docker");
        this.standIn = switch (format) {
            case "cri" -> new String[]{"1970-01-01T00:00:00Z stdout F -", "1970-01-01T00:00:00Z stderr F -"};
            case "docker" -> new String[]{"{\"log\":\"-\\n\",\"stream\":\"stdout\",\"time\":\"1970-01-01T00:00:00Z\"}",
                    "{\"log\":\"-\\n\",\"stream\":\"stderr\",\"time\":\"1970-01-01T00:00:00Z\"}"};
            default -> new String[]{"-", "-"};
        };
    }

    /** Takes the next physical line, {@code b[from, to)}. */
    void line(byte[] b, int from, int to, boolean ascii) throws IOException {
        physical++;
        if (!skipping) {
            feed(text.of(b, from, to, ascii), physical);
            return;
        }
        shape.read(b, from, to, ascii);
        int s = shape.stream;
        if (s == QuietLine.UNKNOWN) {
            if (docker) {
                stopSkipping(); // docker in another shape: its stream is unknown from here on
            }
            feed(text.of(b, from, to, ascii), physical); // cri: surely malformed, changes nothing held
            return;
        }
        if (shape.quiet && seen[s] && !partialOpen[s]) {
            if (holdsReal[s]) {
                feed(standIn[s], 0); // completes the held event now, as the skipped line would have
                holdsReal[s] = false;
            }
            keep(s, b, from, to);
            return;
        }
        feedHeld(s);
        long malformed = decoder.malformed();
        feed(text.of(b, from, to, ascii), physical);
        if (decoder.malformed() == malformed) {
            seen[s] = true;
            holdsReal[s] = true;
            partialOpen[s] = shape.partial;
        }
    }

    /** The end of the input: the events still held. */
    void finish() throws IOException {
        deliver(decoder.finish());
    }

    /** How many lines were not valid in the format and were skipped: as LineDecoder counts them. */
    long malformed() {
        return decoder.malformed();
    }

    private void stopSkipping() throws IOException {
        feedHeld(QuietLine.STDOUT);
        feedHeld(QuietLine.STDERR);
        skipping = false;
    }

    /** The stream's last skipped line, fed in place of its stand-in before anything else of the stream. */
    private void feedHeld(int s) throws IOException {
        if (heldLine[s] >= 0) {
            feed(text.of(held[s], 0, heldLength[s], true), heldLine[s]);
            heldLine[s] = -1;
            holdsReal[s] = true;
        }
    }

    private void keep(int s, byte[] b, int from, int to) {
        int n = to - from;
        if (held[s].length < n) {
            held[s] = new byte[Math.max(n, held[s].length * 2)];
        }
        System.arraycopy(b, from, held[s], 0, n);
        heldLength[s] = n;
        heldLine[s] = physical;
    }

    private void feed(String line, long number) throws IOException {
        if (++fed == fileLine.length) {
            fileLine = Arrays.copyOf(fileLine, fileLine.length * 2);
        }
        fileLine[fed] = number;
        deliver(decoder.decode(line));
    }

    private void deliver(List<LineDecoder.Decoded> decoded) throws IOException {
        for (LineDecoder.Decoded d : decoded) {
            long line = fileLine[(int) d.firstLine()];
            if (line > 0) {
                events.event(d.line(), line);
            }
        }
    }
}
