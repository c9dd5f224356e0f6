package io.logdoctor.shipper.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Who a file is: its device and inode, plus a CRC-32 of its first {@value #BYTES} bytes (fewer while the
 * file is shorter, growing to {@value #BYTES} as it fills).
 *
 * <p>Device and inode alone follow a file across a rename (the kubelet's rotation), but an inode is reused
 * as soon as its file is deleted, and copytruncate keeps the inode while replacing the content. The
 * content fingerprint tells those apart: a checkpoint only applies to a file whose first bytes still have
 * the saved CRC. It is Vector's "checksum" fingerprint combined with Fluent Bit's inode key.
 *
 * @param device the {@code st_dev} of the file
 * @param inode  the {@code st_ino} of the file
 * @param length how many leading bytes the CRC covers (0 for an empty file, at most {@value #BYTES})
 * @param crc    the CRC-32 of those bytes
 */
public record FileFingerprint(long device, long inode, int length, long crc) {

    /** How many leading bytes identify content: more than a CRI timestamp and tag, so lines differ. */
    static final int BYTES = 256;

    /** The key of this file in checkpoints: device and inode, stable across renames. */
    String key() {
        return device + ":" + inode;
    }

    /** True once the CRC covers the full {@value #BYTES} bytes and cannot grow any more. */
    boolean complete() {
        return length >= BYTES;
    }

    /** Reads the identity of the file open as {@code channel} (found at {@code path}). */
    static FileFingerprint of(Path path, FileChannel channel) throws IOException {
        return of(path, head(channel, BYTES));
    }

    /** The identity of the file at {@code path} whose (decompressed) content starts with {@code head}. */
    static FileFingerprint of(Path path, byte[] head) throws IOException {
        long device = ((Number) Files.getAttribute(path, "unix:dev")).longValue();
        long inode = ((Number) Files.getAttribute(path, "unix:ino")).longValue();
        return new FileFingerprint(device, inode, head.length, crc(head, head.length));
    }

    /**
     * This fingerprint with its CRC extended over more of the file, if the file has grown and the CRC does
     * not yet cover {@value #BYTES} bytes; otherwise this one.
     */
    FileFingerprint grow(FileChannel channel) throws IOException {
        if (complete()) {
            return this;
        }
        byte[] head = head(channel, BYTES);
        return head.length <= length ? this : new FileFingerprint(device, inode, head.length, crc(head, head.length));
    }

    /**
     * True if the first {@link #length} bytes of {@code channel} still have this CRC, i.e. the open file
     * still holds the content this fingerprint was taken of (it was not truncated and rewritten).
     */
    boolean contentMatches(FileChannel channel) throws IOException {
        byte[] head = head(channel, length);
        return head.length == length && crc(head, length) == crc;
    }

    /** The same content fingerprint (length and CRC) as {@code other}, whatever the inode. */
    boolean sameContent(FileFingerprint other) {
        return length == other.length && crc == other.crc;
    }

    static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    /** Up to {@code max} bytes from the start of the file; fewer if it is shorter. */
    static byte[] head(FileChannel channel, int max) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(max);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, buffer.position());
            if (n <= 0) {
                break;
            }
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }
}
