package io.logdoctor.shipper.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTailerTest {

    @TempDir
    Path dir;

    /** One line as the tailer handed it out. */
    record Line(String text, long offset, boolean truncated) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final FileTailer.LineHandler handler = (text, offset, truncated) ->
            lines.add(new Line(text, offset, truncated));

    @Test
    void shouldHoldBackIncompleteLastLineUntilItsNewline() throws IOException {
        Path file = write("one\ntwo\nthr");
        try (FileTailer tailer = new FileTailer(file, 0, 100)) {
            tailer.read(handler, Long.MAX_VALUE);
            assertEquals(List.of(new Line("one", 0, false), new Line("two", 4, false)), lines);
            assertEquals(8, tailer.offset());

            append(file, "ee\n");
            tailer.read(handler, Long.MAX_VALUE);
            assertEquals(new Line("three", 8, false), lines.get(2));
            assertEquals(14, tailer.offset());
        }
    }

    @Test
    void shouldResumeFromOffset() throws IOException {
        Path file = write("one\ntwo\n\n");
        try (FileTailer tailer = new FileTailer(file, 4, 100)) {
            tailer.read(handler, Long.MAX_VALUE);
        }
        assertEquals(List.of(new Line("two", 4, false), new Line("", 8, false)), lines);
    }

    @Test
    void shouldStopAndSayReplacedWhenTheFileIsTruncated() throws IOException {
        Path file = write("old line one\nold line two\n");
        try (FileTailer tailer = new FileTailer(file, 0, 100)) {
            tailer.read(handler, Long.MAX_VALUE);
            Files.write(file, "new\n".getBytes(StandardCharsets.UTF_8)); // copytruncate, then a write

            assertEquals(0, tailer.read(handler, Long.MAX_VALUE));
            assertTrue(tailer.replaced()); // the rest of the old content may be in a copy: the caller looks
            assertEquals(26, tailer.offset());
            assertEquals(26, tailer.lastSize());
            assertEquals(2, lines.size());
        }
    }

    @Test
    void shouldSayReplacedWhenACopyIsWrittenOverTheFile() throws IOException {
        Path file = write("first copy line\n");
        try (FileTailer tailer = new FileTailer(file, 0, 100)) {
            tailer.read(handler, Long.MAX_VALUE);
            Files.write(file, "second copy, longer than the first\n".getBytes(StandardCharsets.UTF_8)); // same inode

            assertEquals(0, tailer.read(handler, Long.MAX_VALUE));
            assertTrue(tailer.replaced());
        }
    }

    @Test
    void shouldSayReplacedWhenTheCheckpointIsBeyondTheFile() throws IOException {
        Path file = write("short\n");
        try (FileTailer tailer = new FileTailer(file, 1000, 100)) {
            tailer.read(handler, Long.MAX_VALUE);
            assertTrue(tailer.replaced());
        }
        assertEquals(List.of(), lines);
    }

    @Test
    void shouldReadAGzippedRotationFromADecompressedOffset() throws IOException {
        Path file = dir.resolve("0.log.20240301-101530.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8));
        }
        try (FileTailer tailer = new FileTailer(file, 4, 100, true)) {
            tailer.seek(4);
            assertEquals(FileFingerprint.crc("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8), 14),
                    tailer.fingerprint().crc());
            tailer.read(handler, Long.MAX_VALUE);
            assertTrue(tailer.atEnd());
        }
        assertEquals(List.of(new Line("two", 4, false), new Line("three", 8, false)), lines);
    }

    @Test
    void shouldCutOverLongLineMarkItAndGoOn() throws IOException {
        Path file = write("x".repeat(FileTailer.CHUNK_BYTES * 3) + "\nnext\n");
        try (FileTailer tailer = new FileTailer(file, 0, 10)) {
            tailer.read(handler, Long.MAX_VALUE);
            assertEquals(List.of(new Line("xxxxxxxxxx", 0, true),
                    new Line("next", FileTailer.CHUNK_BYTES * 3 + 1, false)), lines);
            assertEquals(Files.size(file), tailer.offset());
        }
    }

    @Test
    void shouldSkipRestOfOverLongLineAcrossReads() throws IOException {
        Path file = write("0123456789abcdef");
        try (FileTailer tailer = new FileTailer(file, 0, 10)) {
            tailer.read(handler, Long.MAX_VALUE);
            append(file, "ghij\nnext\n");
            tailer.read(handler, Long.MAX_VALUE);
        }
        assertEquals(List.of(new Line("0123456789", 0, true), new Line("next", 21, false)), lines);
    }

    @Test
    void shouldKeepLineOfExactlyTheLimit() throws IOException {
        try (FileTailer tailer = new FileTailer(write("0123456789\n"), 0, 10)) {
            tailer.read(handler, Long.MAX_VALUE);
        }
        assertEquals(List.of(new Line("0123456789", 0, false)), lines);
    }

    @Test
    void shouldDecodeInvalidUtf8AndBinaryWithReplacementCharacters() throws IOException {
        byte[] bytes = {'a', (byte) 0xC3, 'b', (byte) 0xFF, 0, 1, 'c', '\n', 'o', 'k', '\n'};
        Path file = dir.resolve("0.log");
        Files.write(file, bytes);
        try (FileTailer tailer = new FileTailer(file, 0, 100)) {
            tailer.read(handler, Long.MAX_VALUE);
        }
        assertEquals(List.of(new Line("a\uFFFDb\uFFFD\u0000\u0001c", 0, false), new Line("ok", 8, false)), lines);
    }

    @Test
    void shouldNotSplitMultiByteCharacterWhenCutting() throws IOException {
        try (FileTailer tailer = new FileTailer(write("ab\u20ACcd\n"), 0, 4)) { // the euro sign is 3 bytes
            tailer.read(handler, Long.MAX_VALUE);
        }
        assertEquals(List.of(new Line("ab", 0, true)), lines);
    }

    @Test
    void shouldFindUtf8Boundary() {
        byte[] euro = "a\u20AC".getBytes(StandardCharsets.UTF_8);
        assertEquals(4, FileTailer.utf8Boundary(euro, 4));
        assertEquals(1, FileTailer.utf8Boundary(euro, 3));
        assertEquals(1, FileTailer.utf8Boundary(euro, 2));
        assertEquals(1, FileTailer.utf8Boundary(euro, 1));
    }

    @Test
    void shouldStopAfterByteBudgetAndContinueNextRead() throws IOException {
        Path file = write(("y".repeat(99) + "\n").repeat(FileTailer.CHUNK_BYTES / 50));
        try (FileTailer tailer = new FileTailer(file, 0, 1000)) {
            assertEquals(FileTailer.CHUNK_BYTES, tailer.read(handler, 1));
            assertTrue(tailer.offset() < Files.size(file));
            tailer.read(handler, Long.MAX_VALUE);
            assertEquals(Files.size(file), tailer.offset());
        }
        assertEquals(FileTailer.CHUNK_BYTES / 50, lines.size());
    }

    @Test
    void shouldKeepReadingTheRenamedFileNotTheNewOneAtItsPath() throws IOException {
        Path file = write("before\n");
        try (FileTailer tailer = new FileTailer(file, 0, 100)) {
            tailer.read(handler, Long.MAX_VALUE);
            append(file, "late\n");
            Files.move(file, dir.resolve("0.log.20240301-101530"));
            Files.write(file, "after\n".getBytes(StandardCharsets.UTF_8));

            tailer.read(handler, Long.MAX_VALUE);
            tailer.read(handler, Long.MAX_VALUE);
        }
        // The new file at the old path is another identity: the shipper's scan gives it its own tailer.
        assertEquals(List.of(new Line("before", 0, false), new Line("late", 7, false)), lines);
    }

    @Test
    void shouldReadBytesUnchangedWhenValid() throws IOException {
        String text = "日本語 ✓ émoji 🚀";
        try (FileTailer tailer = new FileTailer(write(text + "\n"), 0, 1000)) {
            tailer.read(handler, Long.MAX_VALUE);
        }
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), lines.get(0).text().getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("0.log"), content);
    }

    private static void append(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardOpenOption.APPEND);
    }
}
