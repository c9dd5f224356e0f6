package io.logdoctor.shipper.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * A gzipped rotation read forward at decompressed positions, for the {@link Rescuer}: its head (the fingerprint's
 * bytes), its decompressed size from the gzip trailer (ISIZE, RFC 1952: the size modulo 2^32, exact for one member
 * under 4 GiB, which kubelet's and logrotate's rotations are), and its bytes from a position on.
 */
final class GzipReader implements Closeable {

    private final Path file;
    private final InputStream in;
    private long position;

    private GzipReader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    static GzipReader open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return new GzipReader(file, new GZIPInputStream(raw, 64 * 1024));
        } catch (IOException e) {
            raw.close(); // not gzip, or cut short: the next pass looks again
            throw e;
        }
    }

    /** The first {@code n} decompressed bytes (fewer if it is shorter); read before anything else. */
    byte[] head(int n) throws IOException {
        byte[] head = in.readNBytes(n);
        position = head.length;
        return head;
    }

    /** The decompressed size the trailer gives. */
    long size() throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer trailer = ByteBuffer.allocate(4);
            ch.read(trailer, Math.max(0, ch.size() - 4));
            byte[] b = trailer.array();
            return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
        }
    }

    /** Reads into {@code dst} from decompressed {@code at}, which is never behind what was read already. */
    int read(ByteBuffer dst, long at) throws IOException {
        if (at < position) {
            throw new IOException("cannot read " + file + " backwards (at " + at + ", read to " + position + ")");
        }
        in.skipNBytes(at - position);
        position = at;
        int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
        if (n > 0) {
            dst.position(dst.position() + n);
            position += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
