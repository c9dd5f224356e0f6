package io.logdoctor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines in bytes, read in large blocks, handing each line's bytes to a sink without
 * making anything of it: the lines {@link java.io.BufferedReader#readLine} gives, in the same order and
 * number. A line ends at {@code \n}, {@code \r} or {@code \r\n} (also when the pair straddles two
 * blocks); the last line counts only if it is not empty. A line longer than the block grows the buffer.
 */
final class ByteLines {

    /** Receives one line: its bytes are {@code buf[from, to)}, valid only during the call. */
    interface Sink {
        /** @param ascii true when no byte of the line is above 0x7f */
        void line(byte[] buf, int from, int to, boolean ascii) throws IOException;
    }

    static final int BLOCK = 1 << 20;

    private ByteLines() {
    }

    /** Reads {@code in} to its end, handing every line to {@code sink}. */
    static void read(InputStream in, Sink sink) throws IOException {
        byte[] buf = new byte[BLOCK];
        int start = 0; // where the line being read starts
        int end = 0;   // how many bytes of buf hold data
        int scan = 0;  // where the search for its end goes on
        int high = 0;  // the bytes of the line seen so far, or'ed: negative if one is not ASCII
        boolean skipLf = false; // the last line ended with \r: a \n right after it belongs to it
        while (true) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                break;
            }
            end += n;
            if (skipLf && scan < end) {
                if (buf[scan] == '\n') {
                    start = ++scan;
                }
                skipLf = false;
            }
            int i = scan;
            while (i < end) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    sink.line(buf, start, i, high >= 0);
                    high = 0;
                    i++;
                    if (b == '\r') {
                        if (i == end) {
                            skipLf = true;
                        } else if (buf[i] == '\n') {
                            i++;
                        }
                    }
                    start = i;
                } else {
                    high |= b;
                    i++;
                }
            }
            scan = i;
            if (start > 0 && start == end) {
                start = end = scan = 0;
            } else if (end == buf.length) { // room for the next block: move the unfinished line down, or grow
                if (start > buf.length / 2) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    scan -= start;
                    start = 0;
                } else {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
            }
        }
        if (start < end) {
            sink.line(buf, start, end, high >= 0);
        }
    }
}
