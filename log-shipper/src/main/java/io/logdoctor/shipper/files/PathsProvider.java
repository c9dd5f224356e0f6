package io.logdoctor.shipper.files;

import java.io.IOException;
import java.util.List;

/**
 * Which files to read right now. Kubernetes pod logs ({@link PodLogScanner}) are one implementation;
 * other layouts (a static file list for tests) only need another.
 */
@FunctionalInterface
public interface PathsProvider {

    /** The files that should be followed now, in a stable order; a file that vanished is simply absent. */
    List<LogFile> files() throws IOException;
}
