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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the container logs of this node, two ways:
 * <ul>
 *   <li>under the kubelet's pod-log root, every {@code <namespace>_<pod>_<uid>/<container>/<n>.log} that
 *       {@link PodLogPath} accepts, and its uncompressed rotations ({@code <n>.log.20240102-150405}), which
 *       must be read to their end; {@code .gz} and {@code .tmp} files are never returned;</li>
 *   <li>in {@code /var/log/containers}, each symlink resolved to its target: a target in the pod-log tree
 *       is the same file as above (returned once, with metadata from the target's path, since the link's
 *       name may be cut at 255 bytes); a target elsewhere is used only if the link's name is complete.</li>
 * </ul>
 * Containers the {@link PodSelector} rejects are left out. Pods come and go while the tree is walked: a
 * directory that vanishes mid-walk is skipped, not an error. A missing root yields no paths (logged once).
 */
final class PodLogScanner implements PathsProvider {

    private static final Logger log = LoggerFactory.getLogger(PodLogScanner.class);

    private final Path root;
    private final Path containersRoot;
    private final PodSelector selector;
    private boolean rootMissingLogged;
    private DirectoryWatcher watcher;

    PodLogScanner(Path root, Path containersRoot, PodSelector selector) {
        this.root = root.toAbsolutePath().normalize();
        this.containersRoot = containersRoot == null ? null : containersRoot.toAbsolutePath().normalize();
        this.selector = selector;
    }

    /** Scans only the pod-log root, selecting everything. */
    PodLogScanner(Path root) {
        this(root, null, PodSelector.all());
    }

    Path root() {
        return root;
    }

    /** Registers every directory a scan walks with {@code watcher}, so new entries wake the shipper. */
    void watchWith(DirectoryWatcher watcher) {
        this.watcher = watcher;
    }

    private void watch(Path dir) {
        if (watcher != null) {
            watcher.watch(dir);
        }
    }

    @Override
    public List<LogFile> files() throws IOException {
        Map<Path, LogFile> found = new LinkedHashMap<>();
        if (!Files.isDirectory(root)) {
            if (!rootMissingLogged) {
                log.warn("pod log root {} is not a directory (yet); no files to follow there", root);
                rootMissingLogged = true;
            }
        } else {
            rootMissingLogged = false;
            watch(root);
            for (Path podDir : children(root)) {
                watch(podDir);
                for (Path containerDir : children(podDir)) {
                    watch(containerDir);
                    for (Path file : children(containerDir)) {
                        String name = file.getFileName().toString();
                        boolean rotated = PodLogPath.isRotation(name);
                        PodLogPath.parseRotated(root, file)
                                .filter(pod -> Files.isRegularFile(file))
                                .ifPresent(pod -> found.put(file, new LogFile(file, pod, rotated)));
                    }
                }
            }
        }
        if (containersRoot != null && Files.isDirectory(containersRoot)) {
            watch(containersRoot);
            for (Path link : children(containersRoot)) {
                linked(link).filter(f -> !found.containsKey(f.path())).ifPresent(f -> found.put(f.path(), f));
            }
        }
        List<LogFile> selected = new ArrayList<>();
        for (LogFile f : found.values()) {
            if (selector.selects(f.pod().namespace(), f.pod().pod(), f.pod().container())) {
                selected.add(f);
            }
        }
        selected.sort((a, b) -> a.path().compareTo(b.path()));
        return selected;
    }

    /** The file a {@code /var/log/containers} link stands for, if it can be told. */
    private Optional<LogFile> linked(Path link) {
        Optional<ContainerLogLink> name = ContainerLogLink.parse(link.getFileName().toString());
        if (name.isEmpty() || !Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        Path target;
        try {
            target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
        } catch (IOException e) {
            return Optional.empty(); // removed meanwhile
        }
        if (target.startsWith(root)) {
            return PodLogPath.parse(root, target).filter(pod -> Files.isRegularFile(target))
                    .map(pod -> new LogFile(target, pod, false));
        }
        ContainerLogLink n = name.get();
        if (!n.complete() || !Files.isRegularFile(target)) {
            return Optional.empty();
        }
        return Optional.of(new LogFile(target, new PodLogPath(n.namespace(), n.pod(), "-", n.container(), 0), false));
    }

    /** The entries of {@code dir}, or none if it is not a directory or was removed meanwhile. */
    static List<Path> children(Path dir) throws IOException {
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
