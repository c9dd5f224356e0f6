package io.logdoctor.shipper.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommittedSnapshotTest {

    @TempDir
    Path dir;

    private final FileCheckpoint reading = new FileCheckpoint(FileCheckpoint.VERSION, "/p/0.log", 65024, 5366509, 256,
            3_141_592_653L, 100, 180, Map.of("stdout", 100L), "cri", 4096L, null);
    private final FileCheckpoint done = new FileCheckpoint(FileCheckpoint.VERSION, "/p/0.log.1", 65024, 7, 48, 42, 900,
            900, Map.of(), "cri", null, Boolean.TRUE);

    @Test
    void shouldGiveBackWhatTheRescueNeedsOfEachCheckpoint() {
        CommittedSnapshot snapshot = new CommittedSnapshot(dir);
        snapshot.save(Map.of("a", reading, "b", done), Instant.ofEpochMilli(1_700_000_000_123L), false);
        CommittedSnapshot.Saved saved = snapshot.load();
        assertEquals(1_700_000_000_123L, saved.savedMillis());
        assertEquals(2, saved.committed().size());
        FileCheckpoint r = saved.committed().stream().filter(c -> c.inode() == 5366509).findFirst().orElseThrow();
        assertEquals(List.of(65024L, 256, 3_141_592_653L, 100L, 180L, 4096L, false),
                List.of(r.device(), r.fpLength(), r.fpCrc(), r.offset(), r.end(), r.size(), r.complete()));
        FileCheckpoint d = saved.committed().stream().filter(c -> c.inode() == 7).findFirst().orElseThrow();
        assertTrue(d.complete());
        assertNull(d.size());
    }

    @Test
    void shouldSaveAtMostOnceASecondUnlessForced() {
        CommittedSnapshot snapshot = new CommittedSnapshot(dir);
        Instant t = Instant.ofEpochMilli(1_000_000);
        snapshot.save(Map.of("a", reading), t, false);
        snapshot.save(Map.of(), t.plusMillis(500), false);
        assertEquals(1, snapshot.load().committed().size(), "saved again within a second");
        snapshot.save(Map.of(), t.plusMillis(600), true);
        assertEquals(0, snapshot.load().committed().size(), "a forced save was not written");
    }

    @Test
    void shouldReadNothingFromAFileItDidNotWriteAndSayWhy() throws IOException {
        Files.writeString(dir.resolve(CommittedSnapshot.FILE_NAME), "{\"json\": true}\n");
        assertNull(new CommittedSnapshot(dir).load());
        IOException e = assertThrows(IOException.class, () -> CommittedSnapshot.parse(List.of(
                "# logdoctor rescue checkpoints v1, saved at ms 5", "1 2 3")));
        assertTrue(e.getMessage().contains("'1 2 3' has 3 fields"), e.getMessage());
        assertNull(new CommittedSnapshot(dir.resolve("nothing-here")).load(), "no file: nothing saved yet");
    }
}
