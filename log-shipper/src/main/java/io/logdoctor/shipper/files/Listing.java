package io.logdoctor.shipper.files;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The files to follow now, each with its identity key ({@code <device>:<inode>}) and size: what a
 * {@code ShipperLoop} scan starts from. {@link #prefetch} walks the directories for the first one on a thread of
 * its own, so a restart lists its files while its checkpoints are read (issue 11 point 6); like any listing it
 * is a snapshot, and what changed since is found by the next scan.
 */
final class Listing {

    /** A listed file; {@code error} set (key null) if it could not be looked at. */
    record Entry(LogFile file, String key, long size, IOException error) {
    }

    private Listing() {
    }

    /**
     * Lists {@code paths} and looks at each file (one stat); files gone between the listing and the look are left out.
     *
     * @throws IOException if the directories cannot be listed
     */
    static List<Entry> look(PathsProvider paths) throws IOException {
        return look(paths.files());
    }

    /** Looks at each of {@code listed} (one stat): its identity right before it is opened, not when it was listed. */
    static List<Entry> look(List<LogFile> listed) {
        List<Entry> entries = new ArrayList<>(listed.size());
        for (LogFile file : listed) {
            try {
                Map<String, Object> a = Files.readAttributes(file.path(), "unix:dev,ino,size");
                entries.add(new Entry(file, a.get("dev") + ":" + a.get("ino"), (Long) a.get("size"), null));
            } catch (NoSuchFileException e) {
                // gone between listing and looking
            } catch (IOException e) {
                entries.add(new Entry(file, null, -1, e));
            }
        }
        return entries;
    }

    /**
     * {@code paths.files()} (the directories walked) on a thread of its own; {@link #join} it before the paths are
     * used again. Only the listing: each file is looked at when it is used, so a key is never older than that.
     */
    static CompletableFuture<List<LogFile>> prefetch(PathsProvider paths) {
        CompletableFuture<List<LogFile>> listing = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                listing.complete(paths.files());
            } catch (Throwable t) {
                listing.completeExceptionally(t);
            }
        }, "logdoctor-first-listing");
        thread.setDaemon(true);
        thread.start();
        return listing;
    }

    /** The prefetched listing; throws the IOException the listing threw. */
    static List<LogFile> join(CompletableFuture<List<LogFile>> listing) throws IOException {
        try {
            return listing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
