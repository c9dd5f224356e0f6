package io.logdoctor.shipper.torture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Copy {@code 0.log} aside, then truncate it in place: logrotate's {@code copytruncate} and the
 * {@code cp; truncate} scripts. The writer holds the log's lock throughout, so unlike a real
 * copytruncate no line can fall between copy and truncate: any loss is the shipper's.
 */
final class CopyTruncateRotation implements Rotation {

    /** Where the copy goes. */
    enum Copy {
        /** logrotate {@code rotate 3}: remove {@code .3}, rename {@code .2}->{@code .3}, {@code .1}->{@code .2}, copy to a new {@code .1}. */
        NEW_FILE,
        /** {@code cp 0.log 0.log.1}: the existing {@code .1} is opened with O_TRUNC and rewritten; its inode stays. */
        OVER_EXISTING,
        /** {@code rm 0.log.1; cp 0.log 0.log.1}: a new file, which the file system tends to give the freed inode. */
        AFTER_DELETE
    }

    private static final int KEEP = 3;
    private final Copy copy;

    CopyTruncateRotation(Copy copy) {
        this.copy = copy;
    }

    @Override
    public String rotate(ContainerLog log) throws IOException {
        Path file = log.file();
        Path first = sibling(file, 1);
        String done;
        switch (copy) {
            case NEW_FILE -> {
                Files.deleteIfExists(sibling(file, KEEP));
                for (int i = KEEP - 1; i >= 1; i--) {
                    if (Files.exists(sibling(file, i))) {
                        Files.move(sibling(file, i), sibling(file, i + 1), StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                Files.copy(file, first);
                done = "copied to a new " + first.getFileName() + " (inode " + inode(first) + ")";
            }
            case OVER_EXISTING -> {
                Object before = Files.exists(first) ? inode(first) : "none";
                try (var out = Files.newOutputStream(first, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    Files.copy(file, out);
                }
                done = "copied over " + first.getFileName() + " (inode " + before + " -> " + inode(first) + ")";
            }
            case AFTER_DELETE -> {
                Object before = Files.exists(first) ? inode(first) : "none";
                Files.deleteIfExists(first);
                Files.copy(file, first);
                Object after = inode(first);
                done = "deleted and copied to " + first.getFileName() + " (inode " + before + " -> " + after
                        + (after.equals(before) ? ", reused" : "") + ")";
            }
            default -> throw new IllegalStateException(copy.toString());
        }
        log.truncate();
        return done + ", truncated " + file.getFileName();
    }

    private static Path sibling(Path file, int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private static Object inode(Path p) throws IOException {
        return Files.getAttribute(p, "unix:ino");
    }
}
