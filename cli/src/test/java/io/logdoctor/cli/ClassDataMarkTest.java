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
    void shouldMarkOnlyARunWhoseFirstRoundFollowedRestoredCheckpoints() {
        Path fresh = dir.resolve("fresh.restored");
        Path restart = dir.resolve("restart.restored");
        CompletableFuture<Integer> freshRound = new CompletableFuture<>();
        CompletableFuture<Integer> restartRound = new CompletableFuture<>();
        System.setProperty(ClassDataMark.PROPERTY, fresh.toString());
        ClassDataMark.whenRestored(freshRound);
        System.setProperty(ClassDataMark.PROPERTY, restart.toString());
        ClassDataMark.whenRestored(restartRound);

        assertFalse(Files.exists(restart), "marked before the first round was committed");
        freshRound.complete(0); // a first start on a fresh node: nothing restored
        restartRound.complete(1000);

        assertFalse(Files.exists(fresh), "a run that restored nothing was marked");
        assertTrue(Files.exists(restart), "a restart's run was not marked");
    }
}
