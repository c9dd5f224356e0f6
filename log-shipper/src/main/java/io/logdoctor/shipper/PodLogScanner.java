package io.logdoctor.shipper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the live container logs under the kubelet's pod-log root: every
 * {@code <namespace>_<pod>_<uid>/<container>/<restartCount>.log} that {@link PodLogPath} accepts.
 * Rotated ({@code 0.log.20240102-150405}) and compressed ({@code .gz}) files are not returned.
 *
 * <p>Pods come and go while the tree is walked: a directory that vanishes mid-walk is skipped, not an
 * error. A missing root yields no paths (logged once), so the shipper can start before the first pod.
 */
final class PodLogScanner implements PathsProvider {

    private static final Logger log = LoggerFactory.getLogger(PodLogScanner.class);

    private final Path root;
    private boolean rootMissingLogged;

    PodLogScanner(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public List<Path> paths() throws IOException {
        if (!Files.isDirectory(root)) {
            if (!rootMissingLogged) {
                log.warn("pod log root {} is not a directory (yet); no files to follow", root);
                rootMissingLogged = true;
            }
            return List.of();
        }
        rootMissingLogged = false;
        List<Path> found = new ArrayList<>();
        for (Path podDir : children(root)) {
            for (Path containerDir : children(podDir)) {
                for (Path file : children(containerDir)) {
                    if (PodLogPath.parse(root, file).isPresent() && Files.isRegularFile(file)) {
                        found.add(file);
                    }
                }
            }
        }
        found.sort(null);
        return found;
    }

    /** The entries of {@code dir}, or none if it is not a directory or was removed meanwhile. */
    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(children::add);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of(); // the pod went away while we looked
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return children;
    }
}
