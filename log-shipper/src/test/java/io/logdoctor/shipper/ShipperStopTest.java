package io.logdoctor.shipper;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful stop right after a file was moved out of the pod-log tree, before any round noticed: the multi-line joiner
 * held each stream's last line, and only this shipper's descriptor reaches the file now. RotationVariantsIT's
 * MOVED_OUT lost 60 lines so at a load of 6 (the rotation came in the same millisecond as the stop).
 */
class ShipperStopTest {

    @TempDir
    Path dir;

    private LoopOnFiles files;

    @AfterEach
    void stop() throws Exception {
        files.close();
    }

    @Test
    void shouldShipAFileMovedOutOfTheTreeJustBeforeTheStop() throws Exception {
        files = new LoopOnFiles(dir);
        Path log = files.log("api");
        files.startShipper();
        try (OutputStream out = LoopOnFiles.open(log)) {
            files.write(out, 100);
            files.roundTime = Duration.ZERO; // no quiet time passes: each stream's last line stays held
            files.rounds(2);
        }
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.move(log, elsewhere.resolve("0.log"));
        files.loop.finish();
        files.rounds(0);
        files.assertExactlyOnce();
    }
}
