package io.logdoctor.shipper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Follows one file from a byte offset and hands out its complete lines (those ending in {@code \n}).
 *
 * <p>{@link #offset()} is the offset of the first byte not yet handed out, which is what a checkpoint
 * stores: an incomplete last line is held back until its newline arrives. Memory stays bounded: the file
 * is read in chunks of {@value #CHUNK_BYTES} bytes, and a line longer than {@code maxLineBytes} is cut
 * there (at a UTF-8 character boundary), marked truncated, and the rest of it up to the newline skipped.
 * Bytes that are not valid UTF-8 decode to U+FFFD, never to an exception.
 *
 * <p>A file that shrinks below the read position was truncated (copytruncate): reading starts again from
 * 0. A path that names a new file (the kubelet renamed the old one away) is followed to the new file once
 * the old one is read to its end. Not thread-safe.
 */
final class FileTailer implements Closeable {

    static final int CHUNK_BYTES = 64 * 1024;
    private static final int SMALL_LINE_BYTES = 4 * 1024;
    private static final Logger log = LoggerFactory.getLogger(FileTailer.class);

    /** Receives each complete line. */
    @FunctionalInterface
    interface LineHandler {
        /**
         * One line, without its newline.
         *
         * @param offset    the byte offset where the line starts
         * @param truncated true if the line was longer than the limit and was cut
         */
        void line(String text, long offset, boolean truncated);

        /** The file was truncated or replaced and is read again from 0: drop any state about it. */
        default void restarted() {
        }
    }

    private final Path path;
    private final int maxLineBytes;
    private FileChannel channel;
    private Object fileKey;
    /** The start of the first line not yet handed out. */
    private long offset;
    /** The next byte to read; bytes in [offset, readPosition) belong to the line being assembled. */
    private long readPosition;
    private byte[] line = new byte[SMALL_LINE_BYTES];
    private int lineLength;
    private boolean overLong;

    FileTailer(Path path, long offset, int maxLineBytes) {
        if (offset < 0 || maxLineBytes <= 0) {
            throw new IllegalArgumentException("offset must be >= 0 and maxLineBytes > 0; were "
                    + offset + " and " + maxLineBytes);
        }
        this.path = Objects.requireNonNull(path, "path");
        this.offset = offset;
        this.readPosition = offset;
        this.maxLineBytes = maxLineBytes;
    }

    Path path() {
        return path;
    }

    /** The offset of the first byte not yet handed out as part of a complete line. */
    long offset() {
        return offset;
    }

    /**
     * Reads what the file has now, handing each complete line to {@code handler}, and stops at the end of
     * the file or once about {@code byteBudget} bytes were read.
     *
     * @return the number of bytes read; 0 means nothing new
     * @throws NoSuchFileException if the file does not exist (and was never opened)
     */
    long read(LineHandler handler, long byteBudget) throws IOException {
        if (channel == null) {
            open();
        }
        long read = readAvailable(handler, byteBudget);
        if (read == 0 && replaced()) {
            log.info("{} now names a new file (rotated); reading it from the start", path);
            channel.close();
            channel = null;
            reset(handler);
            open();
            read = readAvailable(handler, byteBudget);
        }
        return read;
    }

    private void open() throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.READ);
        fileKey = currentFileKey();
    }

    private long readAvailable(LineHandler handler, long byteBudget) throws IOException {
        long size = channel.size();
        if (size < readPosition) {
            log.info("{} shrank to {} bytes below read position {} (truncated); reading from the start",
                    path, size, readPosition);
            reset(handler);
        }
        if (size == readPosition) {
            return 0;
        }
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, size - readPosition));
        long total = 0;
        while (total < byteBudget) {
            chunk.clear();
            int n = channel.read(chunk, readPosition);
            if (n <= 0) {
                break;
            }
            scan(chunk.array(), n, handler);
            total += n;
        }
        return total;
    }

    private void scan(byte[] bytes, int length, LineHandler handler) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                handler.line(decode(), offset, overLong);
                offset = readPosition + i + 1;
                lineLength = 0;
                overLong = false;
                if (line.length > CHUNK_BYTES) {
                    line = new byte[SMALL_LINE_BYTES]; // do not keep a long line's buffer for the file's life
                }
                start = i + 1;
            }
        }
        append(bytes, start, length - start);
        readPosition += length;
    }

    private void append(byte[] bytes, int from, int length) {
        if (overLong || length == 0) {
            return;
        }
        int room = maxLineBytes - lineLength;
        int take = Math.min(length, room);
        if (lineLength + take > line.length) {
            byte[] bigger = new byte[(int) Math.min(maxLineBytes, Math.max(2L * line.length, lineLength + take))];
            System.arraycopy(line, 0, bigger, 0, lineLength);
            line = bigger;
        }
        System.arraycopy(bytes, from, line, lineLength, take);
        lineLength += take;
        if (length > room) {
            overLong = true;
        }
    }

    /** Decodes the assembled line; String's decoder replaces invalid UTF-8 with U+FFFD and never throws. */
    private String decode() {
        int end = overLong ? utf8Boundary(line, lineLength) : lineLength;
        return new String(line, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * The largest length at most {@code length} that does not end inside a multi-byte UTF-8 sequence, so
     * that cutting a line does not leave a replacement character where a valid character was.
     */
    static int utf8Boundary(byte[] bytes, int length) {
        int i = length - 1;
        int continuation = 0;
        while (i >= 0 && continuation < 3 && (bytes[i] & 0xC0) == 0x80) {
            i--;
            continuation++;
        }
        if (i < 0) {
            return length;
        }
        int lead = bytes[i] & 0xFF;
        int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return needed > continuation + 1 ? i : length;
    }

    private void reset(LineHandler handler) {
        handler.restarted();
        offset = 0;
        readPosition = 0;
        lineLength = 0;
        overLong = false;
    }

    private boolean replaced() throws IOException {
        Object current = currentFileKey();
        return fileKey != null && current != null && !fileKey.equals(current);
    }

    private Object currentFileKey() throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null; // deleted, not replaced: the scanner notices and the follower stops
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
