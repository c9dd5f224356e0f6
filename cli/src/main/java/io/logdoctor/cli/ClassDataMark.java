package io.logdoctor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;

/**
 * Tells the {@code logdoctor} launcher that this shipper's run is worth a class-data archive: it creates the file
 * the launcher names in {@value #PROPERTY} once lines are committed in a run that restored checkpoints.
 * A first start on a fresh node parses no checkpoint, so an archive of it lacks what every later restart loads to
 * parse them (Jackson's parser and bean deserializers, 94 classes); a run that restored checkpoints but sent nothing
 * lacks the send path (the producer's batches and requests, 177 classes). The launcher dumps the archive only once
 * this file appears (BENCHMARKS.md, "The restart, eighth session: a class-data archive of a restart").
 */
final class ClassDataMark {

    static final String PROPERTY = "logdoctor.cds.mark";

    private ClassDataMark() {
    }

    /** Creates the launcher's mark file when {@code restartShipped} completes; nothing if the launcher asks for none. */
    static void whenShippedAfterRestore(CompletionStage<?> restartShipped) {
        String mark = System.getProperty(PROPERTY, "");
        if (mark.isEmpty()) {
            return;
        }
        restartShipped.thenRun(() -> {
            try {
                Files.write(Path.of(mark), new byte[0]);
            } catch (IOException e) { // no archive this run; the next restart trains again
                System.err.println("logdoctor shipper: cannot write the class-data mark " + mark + ": " + e);
            }
        });
    }
}
