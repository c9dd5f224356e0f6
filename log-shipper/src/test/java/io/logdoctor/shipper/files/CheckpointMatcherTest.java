package io.logdoctor.shipper.files;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matcher's decisions for the cases the loop tests cannot force, such as an inode reused at once. */
class CheckpointMatcherTest {

    private static final Instant NOW = Instant.parse("2024-03-01T10:00:00Z");
    private static final Path DIR = Path.of("/var/log/pods/shop_api_uid/api");

    private static byte[] head(String first) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < FileFingerprint.BYTES * 2; i++) {
            b.append("2024-03-01T10:00:00.000000000Z stdout F ").append(first).append('-').append(i).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static FileFingerprint fp(long inode, byte[] head) {
        int n = Math.min(head.length, FileFingerprint.BYTES);
        return new FileFingerprint(1, inode, n, FileFingerprint.crc(head, n));
    }

    @Test
    void shouldNotLetTheEmptyCheckpointOfAReusedInodeClaimAGzipOfAFollowedFile() {
        CheckpointMatcher matcher = new CheckpointMatcher();
        // An empty rotation's .gz was read (nothing) and let go: held complete, with an empty fingerprint.
        FileCheckpoint empty = FileCheckpoint.of(DIR.resolve("0.log.20240301-095900.gz").toString(),
                new FileFingerprint(1, 77, 0, FileFingerprint.crc(new byte[0], 0)), 0, 0, Map.of(), null).asDone();
        matcher.reset(Map.of("1:77", empty), NOW);
        // The next .gz gets inode 77: the compression of a rotation still followed.
        byte[] content = head("api");
        FileFingerprint followed = fp(5, content);
        CheckpointMatcher.Decision d = matcher.decide(DIR.resolve("0.log.20240301-100000.gz"), fp(77, content),
                content, Long.MAX_VALUE, true, true, List.of(followed), NOW);
        assertInstanceOf(CheckpointMatcher.Decision.Ignore.class, d, "read again from 0: " + d);
        assertTrue(matcher.held().isEmpty(), "the empty checkpoint of the reused inode is let go: " + matcher.held());
    }

    @Test
    void shouldResumeAFileWhoseInodeAndContentMatchItsCheckpoint() {
        CheckpointMatcher matcher = new CheckpointMatcher();
        byte[] content = head("api");
        FileCheckpoint c = FileCheckpoint.of(DIR.resolve("0.log").toString(), fp(9, content), 300, 300, Map.of(), null);
        matcher.reset(Map.of("1:9", c), NOW);
        CheckpointMatcher.Decision d = matcher.decide(DIR.resolve("0.log.20240301-100000"), fp(9, content), content,
                content.length, true, false, List.of(), NOW);
        assertEquals(new CheckpointMatcher.Decision.Start(c, "1:9"), d);
    }
}
