package io.logdoctor.shipper.journal;

import io.logdoctor.shipper.LogShipper;
import io.logdoctor.shipper.ShipperConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A shipper process reading only a journal directory, for {@link JournalKillIT}: {@code bootstrap journalDir
 * stateDir cluster node}; the whole journal when no cursor is committed; runs until killed.
 */
public final class JournalShipperMain {

    private JournalShipperMain() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[2]);
        LogShipper shipper = LogShipper.start(ShipperConfig.defaults(args[0], state.resolve("no-pods"), state)
                .withCluster(args[3]).withNode(args[4]).withPollInterval(Duration.ofMillis(50))
                .withJournal(JournalConfig.defaults().withDirectory(Path.of(args[1])).withStart(null)));
        shipper.whenStopped().join();
    }
}
