package io.logdoctor.shipper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shipper catching up (after an outage, or under load) reads rotations first with the round's whole budget, so a
 * live file can go unread for rounds. If it is copytruncated meanwhile, its copy must still be claimed at the read
 * position: the torture harness's broker outage lost 16,706 and 23,385 lines of two copytruncate containers when the
 * copy, taken for a copy of content read already, was started at its end after 10 s while the original was starved.
 */
class ShipperLoopStarvationTest {

    @TempDir
    Path dir;

    private LoopOnFiles files;

    @BeforeEach
    void setUp() {
        files = new LoopOnFiles(dir);
        files.roundTime = Duration.ofSeconds(4); // the copy's 10 s wait passes while the backlog takes 4+ rounds
    }

    @AfterEach
    void stop() throws IOException {
        files.close();
    }

    @Test
    void shouldClaimTheCopyOfALiveFileTruncatedWhileRotationsTookEveryRound() throws Exception {
        Path api = files.log("api");
        Path busy = files.log("busy");
        try (OutputStream out = LoopOnFiles.open(api)) {
            files.write(out, 100);
            files.startShipper();
            files.rounds(1);
            try (OutputStream backlog = LoopOnFiles.open(busy.resolveSibling("0.log.20240301-100000"))) {
                files.write(backlog, 16_000, 4096); // 64 MiB of another container's rotation, not read yet: 4+ rounds
            }
            files.write(out, 500); // unread when the copy is made
            Files.copy(api, api.resolveSibling("0.log.1")); // copytruncate to a new file
            try (FileChannel original = FileChannel.open(api, StandardOpenOption.WRITE)) {
                original.truncate(0);
            }
            files.write(out, 50);
            files.rounds(12);
        }
        files.assertExactlyOnce();
        assertEquals(0, files.metrics.filesLost(), "files reported lost");
    }
}
