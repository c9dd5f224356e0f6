package io.logdoctor.shipper.files;

import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.shipper.ShipperMetrics;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a start begins before anything else, even before the Kafka producer is made: the first listing, on a thread
 * of its own, and once listed the rescue's copies of what the last shipper saved as not shipped yet ({@link
 * CommittedSnapshot}), until the first commit. The torture harness killed a start 0.9 s in, before it had got past
 * the producer: the copytruncate copy it could have saved was overwritten 1 s later with 7,065 lines nobody had read.
 */
public final class EarlyStart {

    private final Rescue rescue;
    private final CommittedSnapshot snapshot;
    private CompletableFuture<List<LogFile>> listing;

    EarlyStart(ShipperConfig config, ShipperMetrics metrics) {
        this.rescue = Rescue.of(config, metrics);
        this.snapshot = new CommittedSnapshot(config.stateDir());
    }

    /** Begins listing {@code paths} and the start's rescue now; the {@link FileSource} made with it goes on from there. */
    public static EarlyStart begin(PathsProvider paths, ShipperConfig config, ShipperMetrics metrics) {
        EarlyStart early = new EarlyStart(config, metrics);
        early.list(paths);
        return early;
    }

    /** Lists {@code paths} on a thread of its own; once listed, the rescue copies what the saved checkpoints say. */
    CompletableFuture<List<LogFile>> list(PathsProvider paths) {
        listing = Listing.prefetch(paths);
        listing.thenAccept(listed -> {
            CommittedSnapshot.Saved saved = snapshot.load();
            if (saved != null) {
                rescue.atStart(listed, saved);
            }
        });
        return listing;
    }

    Rescue rescue() {
        return rescue;
    }

    CommittedSnapshot snapshot() {
        return snapshot;
    }

    /** The listing {@link #begin} started, or null. */
    CompletableFuture<List<LogFile>> listing() {
        return listing;
    }

    /** Stops the start's rescue (the shipper failed to start). */
    public void close() {
        rescue.close();
    }
}
