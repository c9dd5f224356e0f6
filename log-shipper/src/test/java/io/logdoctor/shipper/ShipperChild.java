package io.logdoctor.shipper;

import io.logdoctor.shipper.testing.ShipperJvm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A shipper process for the rotation and unreadable-path ITs: {@code bootstrap podsRoot stateDir cluster node
 * metricsPort}, a 1 s scan interval; runs until killed.
 */
public final class ShipperChild {

    private ShipperChild() {
    }

    public static void main(String[] args) throws Exception {
        LogShipper shipper = LogShipper.start(ShipperConfig.defaults(args[0], Path.of(args[1]), Path.of(args[2]))
                .withCluster(args[3]).withNode(args[4]).withPollInterval(Duration.ofMillis(50))
                .withScanInterval(Duration.ofSeconds(1)).withMetricsPort(Integer.parseInt(args[5])));
        shipper.whenStopped().join();
    }

    /** The command that starts one, as the test JVM's java with its class path, prefixed by {@code prefix}. */
    static ProcessBuilder command(List<String> prefix, String bootstrap, Path pods, Path state, String cluster,
                                  int metricsPort) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(prefix);
        // Under failsafe java.class.path is a manifest-only jar whose Class-Path the child follows.
        command.add(javaBin);
        command.addAll(ShipperJvm.OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                ShipperChild.class.getName(), bootstrap, pods.toString(), state.toString(), cluster, "node-c",
                String.valueOf(metricsPort)));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }
}
