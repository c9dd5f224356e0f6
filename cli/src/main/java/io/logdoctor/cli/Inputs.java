package io.logdoctor.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of the files and directories a user names on the command line, before any is read: each error
 * names the path, says what is wrong with it and what to give instead (the JDK's own say "nosuch.log"
 * or "Is a directory", without the path).
 */
final class Inputs {

    private Inputs() {
    }

    /** A log file to read: it exists and is not a directory. */
    static Path logFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": is a directory; give a log file (a pod's directory holds N.log files)");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(file + ": not readable by this user (check its permissions)");
        }
        return file;
    }

    /** A signature catalogue directory: it exists and is a directory (whether it holds signatures is the lint's question). */
    static Path catalogueDir(Path dir) {
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException(dir + ": no such directory; give a signature catalogue directory "
                    + "(one YAML file per signature, laid out as patterns/catalog/)");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": is a file, not a catalogue directory; give the directory that holds it");
        }
        return dir;
    }
}
