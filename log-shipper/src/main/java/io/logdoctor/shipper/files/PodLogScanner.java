package io.logdoctor.shipper.files;

import io.logdoctor.shipper.ShipperMetrics;

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
import java.util.HashSet;
import java.util.Set;

/**
 * Finds the container logs of this node, two ways:
 * <ul>
 *   <li>under the kubelet's pod-log root, every {@code <namespace>_<pod>_<uid>/<container>/<n>.log} that
 *       {@link PodLogPath} accepts, and its rotations under any name ({@code <n>.log.<suffix>}), gzipped
 *       ones ({@code .gz}) included, flagged, so a followed file is found again whatever it was renamed to and
 *       a checkpoint can resume in its compressed copy; {@code .tmp} files are never returned. A log that is
 *       a symlink (docker's json-file driver: {@code 0.log -> /var/lib/docker/containers/<id>/<id>-json.log})
 *       also brings the rotations beside its target ({@code <id>-json.log.1}), which docker makes by rename;</li>
 *   <li>in {@code /var/log/containers}, each symlink resolved to its target: a target in the pod-log tree
 *       is the same file as above (returned once, with metadata from the target's path, since the link's
 *       name may be cut at 255 bytes); a target elsewhere is used only if the link's name is complete.</li>
 * </ul>
 * Containers the {@link PodSelector} rejects are left out. Pods come and go while the tree is walked: a
 * directory that vanishes mid-walk is skipped, not an error. A directory that cannot be listed (permissions,
 * I/O error) is skipped, counted ({@code errors_total{reason="unreadable_dir"}}) and logged once until it can
 * be listed again, and everything else is still found. A missing root yields no paths (logged once).
 */
public final class PodLogScanner implements PathsProvider {

    private static final Logger log = LoggerFactory.getLogger(PodLogScanner.class);

    private final Path root;
    private final Path containersRoot;
    private final PodSelector selector;
    private boolean rootMissingLogged;
    private DirectoryWatcher watcher;
    private ShipperMetrics metrics;
    /** Directories that could not be listed, logged once each until they can be. */
    private final Set<Path> unreadable = new HashSet<>();

    public PodLogScanner(Path root, Path containersRoot, PodSelector selector) {
        this.root = root.toAbsolutePath().normalize();
        this.containersRoot = containersRoot == null ? null : containersRoot.toAbsolutePath().normalize();
        this.selector = selector;
    }

    /** Scans only the pod-log root, selecting everything. */
    public PodLogScanner(Path root) {
        this(root, null, PodSelector.all());
    }

    Path root() {
        return root;
    }

    /** Registers every directory a scan walks with {@code watcher}, so new entries wake the shipper. */
    public void watchWith(DirectoryWatcher watcher) {
        this.watcher = watcher;
    }

    /** Counts directories that cannot be listed in {@code metrics}. */
    public void reportErrorsTo(ShipperMetrics metrics) {
        this.metrics = metrics;
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
                        boolean compressed = PodLogPath.isCompressedRotation(name);
                        boolean rotated = compressed || PodLogPath.isRotation(name);
                        PodLogPath.parseRotated(root, file)
                                .filter(pod -> Files.isRegularFile(file))
                                .ifPresent(pod -> {
                                    found.put(file, new LogFile(file, pod, rotated, compressed));
                                    if (!rotated && Files.isSymbolicLink(file)) {
                                        rotationsBesideTarget(file, pod, found);
                                    }
                                });
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

    /** Docker's rotations of the file {@code link} points to: {@code <id>-json.log.1}, ... beside the target. */
    private void rotationsBesideTarget(Path link, PodLogPath pod, Map<Path, LogFile> found) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException e) {
            return; // a dangling link: nothing to follow
        }
        String prefix = target.getFileName() + ".";
        for (Path sibling : children(target.getParent())) {
            String name = sibling.getFileName().toString();
            if (name.startsWith(prefix) && !name.endsWith(".tmp") && Files.isRegularFile(sibling)) {
                found.put(sibling, new LogFile(sibling, pod, true, name.endsWith(".gz")));
            }
        }
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

    /** The entries of {@code dir}, or none if it is not a directory, was removed meanwhile, or cannot be read. */
    private List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(children::add);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of(); // the pod went away while we looked
        } catch (IOException | DirectoryIteratorException e) {
            // One directory we may not read must not hide the others (nor a container's next 0.log).
            if (unreadable.add(dir)) {
                if (metrics != null) {
                    metrics.error(ShipperMetrics.UNREADABLE_DIR);
                }
                log.warn("cannot list {}; skipping it and looking again at each scan: {}", dir,
                        e instanceof DirectoryIteratorException d ? d.getCause().toString() : e.toString());
            }
            return List.of();
        }
        unreadable.remove(dir);
        return children;
    }
}
