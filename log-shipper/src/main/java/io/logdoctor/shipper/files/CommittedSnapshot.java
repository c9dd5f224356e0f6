package io.logdoctor.shipper.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * the rest of the node's state. Plain text, one checkpoint a line ({@code <device> <inode> <fpLength> <fpCrc>
 * <offset> <end> <size or -> <done 0|1>}), not JSON: a start reads it before anything else, and Jackson's first use
 * cost 0.3-0.6 s of a start the torture harness killed 0.9 s in.
 */
final class CommittedSnapshot {

    static final String FILE_NAME = "rescue-checkpoints.json";
    static final Duration EVERY = Duration.ofSeconds(1);
    private static final String HEADER = "# logdoctor rescue checkpoints v1, saved at ms ";
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
            Files.write(temp, format(now.toEpochMilli(), committed.values()).getBytes(StandardCharsets.US_ASCII));
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
            return parse(Files.readAllLines(file, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read {} ({}); a restart copies what is at risk only once Kafka answers", file, e.toString());
            return null;
        }
    }

    static String format(long savedMillis, Iterable<FileCheckpoint> committed) {
        StringBuilder text = new StringBuilder(HEADER).append(savedMillis).append('\n');
        for (FileCheckpoint c : committed) {
            text.append(c.device()).append(' ').append(c.inode()).append(' ').append(c.fpLength()).append(' ')
                    .append(c.fpCrc()).append(' ').append(c.offset()).append(' ').append(c.end()).append(' ')
                    .append(c.size() == null ? "-" : c.size().toString()).append(' ').append(c.complete() ? 1 : 0)
                    .append('\n');
        }
        return text.toString();
    }

    static Saved parse(List<String> lines) throws IOException {
        if (lines.isEmpty() || !lines.get(0).startsWith(HEADER)) {
            throw new IOException("not a rescue checkpoint file (its first line is not '" + HEADER + "<ms>')");
        }
        List<FileCheckpoint> committed = new ArrayList<>(lines.size());
        try {
            long savedMillis = Long.parseLong(lines.get(0).substring(HEADER.length()).trim());
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(" ");
                if (f.length != 8) {
                    throw new IOException("line '" + line + "' has " + f.length + " fields, not 8");
                }
                committed.add(new FileCheckpoint(FileCheckpoint.VERSION, null, Long.parseLong(f[0]), Long.parseLong(f[1]),
                        Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), null, null,
                        f[6].equals("-") ? null : Long.valueOf(f[6]), f[7].equals("1") ? Boolean.TRUE : null));
            }
            return new Saved(savedMillis, committed);
        } catch (NumberFormatException e) {
            throw new IOException("a number that is not one: " + e.getMessage(), e);
        }
    }
}
