package io.logdoctor.shipper.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PodLogScannerTest {

    private static final String POD = "default_web-0_5f3c1b2a-9d4e-4f6a-8b7c-0123456789ab";

    @TempDir
    Path root;

    @Test
    void shouldFindContainerLogsAndEveryRotationButTemporaryFiles() throws IOException {
        Path live0 = touch(POD + "/app/0.log");
        Path live1 = touch(POD + "/app/1.log");
        Path sidecar = touch(POD + "/sidecar/0.log");
        Path rotated = touch(POD + "/app/0.log.20240301-101530");
        Path compressed = touch(POD + "/app/0.log.20240301-101530.gz");
        Path otherSuffix = touch(POD + "/app/0.log.20240301-101530-1");
        touch(POD + "/app/0.log.20240301-101530.gz.tmp");
        touch(POD + "/app/notes.txt");
        touch(POD + "/0.log");
        touch("not-a-pod-dir/app/0.log");
        Files.createDirectories(root.resolve(POD + "/app/2.log")); // a directory, not a file

        assertEquals(List.of(live0, rotated, otherSuffix, compressed, live1, sidecar), paths(new PodLogScanner(root)));
        assertEquals(List.of(compressed), new PodLogScanner(root).files().stream().filter(LogFile::compressed)
                .map(LogFile::path).toList());
    }

    @Test
    void shouldReturnNothingWhenRootIsMissing() throws IOException {
        assertEquals(List.of(), paths(new PodLogScanner(root.resolve("absent"))));
    }

    static List<Path> paths(PodLogScanner scanner) throws IOException {
        return scanner.files().stream().map(LogFile::path).toList();
    }

    private Path touch(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "");
    }
}
