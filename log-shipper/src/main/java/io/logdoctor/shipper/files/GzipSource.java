package io.logdoctor.shipper.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.zip.GZIPInputStream;

/**
 * The decompressed bytes of a gzipped rotation ({@code 0.log.20240102-150405.gz}), read by decompressed
 * offset, so a checkpoint taken on the uncompressed file resumes in its compressed copy.
 *
 * <p>The kubelet compresses every rotation but the newest one (pkg/kubelet/logs/container_log_manager.go,
 * {@code compressLog}: write {@code <log>.gz.tmp}, rename it to {@code <log>.gz}, remove {@code <log>}), so
 * a shipper that was down or behind finds the rest of a file only here. gzip cannot seek: reading at an
 * offset behind the stream's position starts the stream again; reads ahead of it skip forward. Works on
 * the open channel, so a {@code .gz} deleted meanwhile is still read to its end. Not thread-safe.
 */
final class GzipSource implements Closeable {

    private final FileChannel channel;
    private InputStream in;
    private long position;
    private long size = -1;

    GzipSource(FileChannel channel) {
        this.channel = channel;
    }

    /** True if {@code name} is a gzip file by its suffix. */
    static boolean isGzip(String name) {
        return name.endsWith(".gz");
    }

    /**
     * Reads decompressed bytes at {@code offset} into {@code buffer}.
     *
     * @return the number of bytes read, or -1 at the end of the decompressed content
     * @throws IOException if the file is not valid gzip (named with the offset)
     */
    int read(ByteBuffer buffer, long offset) throws IOException {
        if (size >= 0 && offset >= size) {
            return -1;
        }
        moveTo(offset);
        int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        if (n < 0) {
            size = position;
            return -1;
        }
        buffer.position(buffer.position() + n);
        position += n;
        return n;
    }

    /** The decompressed size, once the end was reached; until then the offset reached so far. */
    long knownSize() {
        return size >= 0 ? size : position;
    }

    /** True once the end of the decompressed content was reached. */
    boolean sizeKnown() {
        return size >= 0;
    }

    /** Up to {@code max} decompressed bytes from the start. */
    byte[] head(int max) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(max);
        while (buffer.hasRemaining()) {
            if (read(buffer, buffer.position()) < 0) {
                break;
            }
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    private void moveTo(long offset) throws IOException {
        if (in == null || offset < position) {
            channel.position(0);
            // Not closed on restart: closing would close the channel the file is followed by.
            in = new GZIPInputStream(Channels.newInputStream(channel), FileTailer.CHUNK_BYTES);
            position = 0;
        }
        while (position < offset) {
            long skipped = in.skip(offset - position);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    size = position;
                    return;
                }
                skipped = 1;
            }
            position += skipped;
        }
    }

    @Override
    public void close() {
        in = null; // the channel is closed by its owner
    }
}
