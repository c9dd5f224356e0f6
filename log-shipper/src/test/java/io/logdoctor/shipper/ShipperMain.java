package io.logdoctor.shipper;

import java.nio.file.Path;
import java.time.Duration;

/** A shipper process for KillIT: {@code bootstrap podsRoot stateDir cluster node}; runs until killed. */
public final class ShipperMain {

    private ShipperMain() {
    }

    public static void main(String[] args) throws Exception {
        LogShipper shipper = LogShipper.start(ShipperConfig.defaults(args[0], Path.of(args[1]), Path.of(args[2]))
                .withCluster(args[3]).withNode(args[4]).withPollInterval(Duration.ofMillis(50)));
        shipper.whenStopped().join();
    }
}
