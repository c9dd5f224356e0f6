package io.logdoctor.shipper;

import io.logdoctor.shipper.testing.ShipperJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A shipper process for KillIT and NodeCrashIT: {@code bootstrap podsRoot stateDir cluster node}; runs until killed. */
public final class ShipperMain {

    private ShipperMain() {
    }

    public static void main(String[] args) throws Exception {
        LogShipper shipper = LogShipper.start(ShipperConfig.defaults(args[0], Path.of(args[1]), Path.of(args[2]))
                .withCluster(args[3]).withNode(args[4]).withPollInterval(Duration.ofMillis(50)));
        shipper.whenStopped().join();
    }

    /** Starts one as a child of the test JVM, with {@code dir/state} as its state and its output appended to {@code dir/shipper.log}. */
    static Process start(Path dir, String bootstrap, Path pods, String cluster, String node) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Under failsafe java.class.path is a manifest-only jar whose Class-Path the child follows.
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ShipperJvm.OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                ShipperMain.class.getName(), bootstrap, pods.toString(), dir.resolve("state").toString(), cluster, node));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("shipper.log").toFile())).start();
    }
}
