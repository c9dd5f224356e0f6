package io.logdoctor.shipper.files;

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
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Follows one open file from a byte offset and hands out its complete lines (those ending in {@code \n}).
 *
 * <p>{@link #offset()} is the offset of the first byte not yet handed out: an incomplete last line is held
 * back until its newline arrives. Memory stays bounded: the file is read in chunks of {@value #CHUNK_BYTES}
 * bytes, and a line longer than {@code maxLineBytes} is cut there (at a UTF-8 character boundary), marked
 * truncated, and the rest of it up to the newline skipped. Bytes that are not valid UTF-8 decode to U+FFFD,
 * never to an exception.
 *
 * <p>The file is followed by its open handle, not its name: a rename (the kubelet's rotation) changes
 * nothing here, and a deleted file can still be read to its end. A file that shrinks below the read
 * position, or whose first bytes no longer match its {@link FileFingerprint}, was truncated and rewritten
 * (copytruncate, or a copy written over it): the tailer stops and says so ({@link #replaced()}), since the
 * rest of the old content may be in another file, and only the caller can look for it. A gzipped rotation
 * ({@link GzipSource}) is read by decompressed offset. Not thread-safe.
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
    }

    private final Path path;
    private final int maxLineBytes;
    private final boolean compressed;
    private FileChannel channel;
    private GzipSource gzip;
    private FileFingerprint fingerprint;
    /** The content changed under the read position: see {@link #replaced()}. */
    private boolean replaced;
    /** The start of the first line not yet handed out. */
    private long offset;
    /** The next byte to read; bytes in [offset, readPosition) belong to the line being assembled. */
    private long readPosition;
    /** The file's size when last looked at, for the lag metric and to notice changes. */
    private long lastSize = -1;
    private byte[] line = new byte[SMALL_LINE_BYTES];
    private int lineLength;
    private boolean overLong;

    FileTailer(Path path, long offset, int maxLineBytes) {
        this(path, offset, maxLineBytes, false);
    }

    /** A tailer of {@code path}, a gzip file if {@code compressed}. */
    FileTailer(Path path, long offset, int maxLineBytes, boolean compressed) {
        this.compressed = compressed;
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

    /** The bytes in the file not read yet, as of the last read (0 before the first). */
    long lag() {
        return lastSize < 0 ? 0 : Math.max(0, lastSize - readPosition);
    }

    /** The file's size at the last read (decompressed, as far as known, for gzip); -1 before the first. */
    long lastSize() {
        return lastSize;
    }

    /**
     * True once the file was truncated or rewritten under the read position: nothing more is read, and
     * {@link #checkpoint state} still describes the old content, so the caller can resume it elsewhere.
     */
    boolean replaced() {
        return replaced;
    }

    boolean compressed() {
        return compressed;
    }

    /** True if the last read reached the end of the file (of the decompressed content, for gzip). */
    boolean atEnd() {
        if (compressed) {
            return gzip != null && gzip.sizeKnown() && readPosition >= gzip.knownSize();
        }
        return lastSize >= 0 && readPosition >= lastSize;
    }

    /**
     * The identity of the open file, opening it first if needed.
     *
     * @throws NoSuchFileException if the file does not exist (and was never opened)
     */
    FileFingerprint fingerprint() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            if (compressed) {
                gzip = new GzipSource(channel);
                fingerprint = FileFingerprint.of(path, gzip.head(FileFingerprint.BYTES));
            } else {
                fingerprint = FileFingerprint.of(path, channel);
            }
        }
        return fingerprint;
    }

    /** The first bytes of the open file (decompressed for gzip), to match against saved fingerprints. */
    byte[] head() throws IOException {
        fingerprint();
        return compressed ? gzip.head(FileFingerprint.BYTES) : FileFingerprint.head(channel, FileFingerprint.BYTES);
    }

    /**
     * When the open file was last written, if the last read reached its end and the path still names it at
     * that size (so nothing was written after what was read); null otherwise, or for gzip.
     */
    Instant unchangedSince() throws IOException {
        if (compressed || channel == null || !atEnd()) {
            return null;
        }
        Map<String, Object> a;
        try {
            a = Files.readAttributes(path, "unix:dev,ino,size,lastModifiedTime");
        } catch (NoSuchFileException e) {
            return null; // renamed or deleted: its time cannot be looked up by name
        }
        boolean same = fingerprint.key().equals(a.get("dev") + ":" + a.get("ino")) && (Long) a.get("size") == readPosition;
        return same ? ((FileTime) a.get("lastModifiedTime")).toInstant() : null;
    }

    /** The current size of the open file; for gzip, unknown ({@link Long#MAX_VALUE}) until read to its end. */
    long size() throws IOException {
        fingerprint();
        if (compressed) {
            return gzip.sizeKnown() ? gzip.knownSize() : Long.MAX_VALUE;
        }
        return channel.size();
    }

    /** Moves to {@code position} (a checkpoint's resume offset), dropping anything held. */
    void seek(long position) {
        offset = position;
        readPosition = position;
        lineLength = 0;
        overLong = false;
    }

    /**
     * Reads what the file has now, handing each complete line to {@code handler}, and stops at the end of
     * the file or once about {@code byteBudget} bytes were read.
     *
     * @return the number of bytes read; 0 means nothing new
     * @throws NoSuchFileException if the file does not exist (and was never opened)
     */
    long read(LineHandler handler, long byteBudget) throws IOException {
        fingerprint();
        if (replaced) {
            return 0;
        }
        if (compressed) {
            long read = readAvailable(handler, byteBudget, Long.MAX_VALUE);
            lastSize = gzip.knownSize();
            return read;
        }
        long size = channel.size();
        if (checkReplaced(size)) {
            return 0;
        }
        if (size != lastSize) {
            fingerprint = fingerprint.grow(channel);
            lastSize = size;
        }
        return readAvailable(handler, byteBudget, size);
    }

    /**
     * True (and from now on {@link #replaced()}) if the content changed under the read position: the file
     * shrank below it, or its first bytes changed. Reads nothing else; a compressed file is never replaced.
     */
    boolean checkReplaced() throws IOException {
        fingerprint();
        return !compressed && (replaced || checkReplaced(channel.size()));
    }

    private boolean checkReplaced(long size) throws IOException {
        if (size < readPosition) {
            log.info("{} shrank to {} bytes below read position {} (truncated)", path, size, readPosition);
            replaced = true;
        } else if (!fingerprint.contentMatches(channel)) {
            // Checked at every read, not only when the size changed: a copy written over a rotation can have
            // exactly the size of the one before (same line count and widths).
            log.info("{}: its first bytes changed (truncated and rewritten)", path);
            replaced = true;
        }
        return replaced;
    }

    private long readAvailable(LineHandler handler, long byteBudget, long size) throws IOException {
        if (size <= readPosition) {
            return 0;
        }
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, size - readPosition));
        long total = 0;
        while (total < byteBudget) {
            chunk.clear();
            int n = compressed ? gzip.read(chunk, readPosition) : channel.read(chunk, readPosition);
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

    @Override
    public void close() throws IOException {
        if (channel != null) {
            if (gzip != null) {
                gzip.close();
            }
            channel.close();
            channel = null;
        }
    }
}
