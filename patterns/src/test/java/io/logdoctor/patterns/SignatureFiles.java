package io.logdoctor.patterns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small catalogues into a temporary directory for tests. */
final class SignatureFiles {

    static final String VALID = """
            id: demo/disk-full
            title: The disk is full
            severity: error
            scope:
              container: [writer]
            match:
              full: 'No space left on device'
              quota: 'quota exceeded for %{NOTSPACE:volume}'
            fire:
              count: 2
              window: 1m
            resolve:
              quiet: 10m
            cause: The volume has no free blocks.
            remediation:
              - Free space.
              - Grow the volume.
            references:
              - https://example.com/disk
            """;

    private SignatureFiles() {
    }

    static Path write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }
}
