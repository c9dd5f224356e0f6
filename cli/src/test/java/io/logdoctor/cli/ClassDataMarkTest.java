package io.logdoctor.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mark the launcher waits for before it keeps a shipper's class-data archive. */
class ClassDataMarkTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(ClassDataMark.PROPERTY);
    }

    @Test
    void shouldMarkOnceARestartHasShipped() {
        Path mark = dir.resolve("shipper.jsa.123.restored");
        CompletableFuture<Void> restartShipped = new CompletableFuture<>();
        System.setProperty(ClassDataMark.PROPERTY, mark.toString());
        ClassDataMark.whenShippedAfterRestore(restartShipped);

        assertFalse(Files.exists(mark), "marked before anything was shipped after a restore");
        restartShipped.complete(null);

        assertTrue(Files.exists(mark), "a restart that shipped was not marked");
    }
}
