package io.logdoctor.shipper.torture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * What the harness did and when (rotations, kills, restarts, the broker's outage), one line each, so a
 * lost range can be laid beside the shipper's log. Thread-safe.
 */
final class Journal {

    private final Path file;

    Journal(Path file) {
        this.file = file;
    }

    synchronized void note(String what) {
        try {
            Files.writeString(file, Instant.now() + " " + what + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
    }

    Path file() {
        return file;
    }
}
