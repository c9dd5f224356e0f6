package io.logdoctor.shipper.files;

import io.logdoctor.records.Json;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The committed file checkpoints, also kept on local disk ({@code <state-dir>/rescue-checkpoints.json}), so a
 * starting shipper knows what is not shipped yet before Kafka answers: its {@link Rescuer} copies it at once
 * (issue 11: a shipper killed 0.9 s after its start, before it read its checkpoints from Kafka, let a copytruncate
 * copy be overwritten and a gzipped rotation be deleted with 32,000 lines nobody had read).
 *
 * <p>Only a hint for the rescue, never a checkpoint: Kafka's are the truth. It is written after the commit it
 * describes, so it is never ahead of Kafka; being behind only makes the rescue copy more than it needs to. No
 * fsync: a killed process's writes are in the page cache, and after a power cut the copies matter no more than
 * the rest of the node's state.
 */
final class CommittedSnapshot {

    static final String FILE_NAME = "rescue-checkpoints.json";
    static final Duration EVERY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(CommittedSnapshot.class);

    /** What was committed at {@code savedMillis} (epoch ms). */
    record Saved(long savedMillis, List<FileCheckpoint> committed) {
        Saved {
            committed = committed == null ? List.of() : List.copyOf(committed);
        }
    }

    private final Path file;
    private Instant lastSave;
    private boolean warned;

    CommittedSnapshot(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    /** Saves {@code committed} as of {@code now}, at most once every {@link #EVERY} unless {@code force}. */
    void save(Map<String, FileCheckpoint> committed, Instant now, boolean force) {
        if (!force && lastSave != null && now.isBefore(lastSave.plus(EVERY))) {
            return;
        }
        lastSave = now;
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.write(temp, Json.MAPPER.writeValueAsBytes(new Saved(now.toEpochMilli(), List.copyOf(committed.values()))));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                log.warn("cannot save {} ({}): a restart copies what is at risk only once Kafka answers; give "
                        + "--state-dir a writable directory", file, e.toString());
            }
        }
    }

    /** What the last shipper saved, or null if nothing (or nothing readable) was. */
    Saved load() {
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(file), Saved.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read {} ({}); a restart copies what is at risk only once Kafka answers", file, e.toString());
            return null;
        }
    }
}
