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
    private InputStream in;
    private long position;

    private GzipReader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    static GzipReader open(Path file) throws IOException {
        return new GzipReader(file, decompressing(file));
    }

    private static InputStream decompressing(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return new GZIPInputStream(raw, 64 * 1024);
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

    /**
     * Reads into {@code dst} from decompressed {@code at}. Behind what was read already (a copy from byte 0, or from a
     * checkpoint inside the head, after {@link #head}), the file is decompressed again from its start: a copy of
     * content no checkpoint knows starts at 0, and used to fail here, leaving only the head copied (the torture
     * harness lost the 9,995 lines of such a rotation, deleted while no shipper ran).
     */
    int read(ByteBuffer dst, long at) throws IOException {
        if (at < position) {
            in.close();
            in = decompressing(file);
            position = 0;
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
