package io.logdoctor.notifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Writes a routes file into a test's directory and reads it, or the error it fails with (without the file name). */
final class RoutesFiles {

    private RoutesFiles() {
    }

    static NotifierConfig load(Path dir, String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("routes.yaml");
        Files.writeString(file, yaml);
        return NotifierConfig.load(file, env);
    }

    static String error(Path dir, String yaml, Map<String, String> env) {
        return assertThrows(IllegalArgumentException.class, () -> load(dir, yaml, env)).getMessage().replace(dir.resolve("routes.yaml") + ": ", "");
    }
}
