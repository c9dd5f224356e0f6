package io.logdoctor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;

/**
 * Tells the {@code logdoctor} launcher that this shipper's run is worth a class-data archive: it creates the file
 * the launcher names in {@value #PROPERTY} once the first round of a run that restored checkpoints is committed.
 * A first start on a fresh node never reads a checkpoint, so an archive of it lacks the ~1,800 classes every later
 * restart loads to restore them (the consumer's fetch path, Jackson's deserializers); the launcher dumps the
 * archive only when this file appears (BENCHMARKS.md, the restart's eighth session).
 */
final class ClassDataMark {

    static final String PROPERTY = "logdoctor.cds.mark";

    private ClassDataMark() {
    }

    /** Creates the launcher's mark file when {@code firstRound} completes with restored checkpoints; nothing if none is asked for. */
    static void whenRestored(CompletionStage<Integer> firstRound) {
        String mark = System.getProperty(PROPERTY, "");
        if (mark.isEmpty()) {
            return;
        }
        firstRound.thenAccept(restored -> {
            if (restored > 0) {
                try {
                    Files.write(Path.of(mark), new byte[0]);
                } catch (IOException e) { // no archive this run; the next restart trains again
                    System.err.println("logdoctor shipper: cannot write the class-data mark " + mark + ": " + e);
                }
            }
        });
    }
}
