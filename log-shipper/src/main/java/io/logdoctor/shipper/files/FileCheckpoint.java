package io.logdoctor.shipper.files;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;
import java.util.TreeMap;

/**
 * How far one file has been shipped, exactly: enough to resume after a crash without losing or repeating
 * a line, even with partial ({@code P}) lines or a multi-line event open on one stream while the other
 * stream went on.
 *
 * <p>Resume reads from {@link #offset}. A line starting at or after {@link #end} is new. A line starting
 * before {@code end} was already shipped unless its stream has a pending start in {@link #streams} and
 * the line starts at or after it: those lines belonged to an event that was still open, and are read
 * again to rebuild it. {@code offset} is the smallest of {@code end} and those pending starts.
 *
 * @param version  the format version ({@value #VERSION}), so a later shipper can refuse or migrate
 * @param path     where the file was last seen (for people; identity is the fingerprint)
 * @param device   the file's device
 * @param inode    the file's inode
 * @param fpLength how many leading bytes {@code fpCrc} covers
 * @param fpCrc    the CRC-32 of the first {@code fpLength} bytes
 * @param offset   where to start reading again
 * @param end      the first byte not yet handed to the parser
 * @param streams  per stream with an open event: where that event starts (only those below {@code end})
 * @param format   {@code cri} or {@code docker}, or null if no line was read yet
 * @param size     the file's size when last read (null if unknown): with {@code end} it says how many bytes
 *                 at least are lost if this content is never found again (deleted before it was read)
 * @param done     true if the file was read to its end and stopped growing (null: false): its content
 *                 found again (a rename back, a {@code .gz} of it) holds nothing new, and losing it loses nothing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileCheckpoint(int version, String path, long device, long inode, int fpLength, long fpCrc,
                      long offset, long end, Map<String, Long> streams, String format, Long size, Boolean done) {

    public static final int VERSION = 2;

    public FileCheckpoint {
        streams = streams == null ? Map.of() : Map.copyOf(new TreeMap<>(streams));
    }

    /** A checkpoint of the file {@code fp} at {@code path}. */
    public static FileCheckpoint of(String path, FileFingerprint fp, long offset, long end, Map<String, Long> streams,
                             String format) {
        return new FileCheckpoint(VERSION, path, fp.device(), fp.inode(), fp.length(), fp.crc(), offset, end,
                streams, format, null, null);
    }

    /** This checkpoint with the file's size as last seen. */
    FileCheckpoint withSize(long fileSize) {
        return new FileCheckpoint(version, path, device, inode, fpLength, fpCrc, offset, end, streams, format, fileSize,
                done);
    }

    /** This checkpoint marked as the end of content that will not grow any more. */
    FileCheckpoint asDone() {
        return new FileCheckpoint(version, path, device, inode, fpLength, fpCrc, offset, end, streams, format, size,
                Boolean.TRUE);
    }

    /** True if the file was read to its end and stopped growing. */
    @JsonIgnore
    boolean complete() {
        return Boolean.TRUE.equals(done);
    }

    /** The bytes of this content known to exist and not yet shipped: lost if it is never found again. */
    @JsonIgnore
    long unread() {
        return size == null ? 0 : Math.max(0, size - end);
    }

    /** The identity this checkpoint belongs to. */
    @JsonIgnore
    FileFingerprint fingerprint() {
        return new FileFingerprint(device, inode, fpLength, fpCrc);
    }

    /** The checkpoint key of the file: device and inode. */
    @JsonIgnore
    String key() {
        return fingerprint().key();
    }

    /** True if a line of {@code stream} starting at {@code lineOffset} was shipped before this checkpoint. */
    public boolean shipped(String stream, long lineOffset) {
        return lineOffset < streams.getOrDefault(stream, end);
    }
}
