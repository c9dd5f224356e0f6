package io.logdoctor.cli;

import io.logdoctor.shipper.LogShipper;
import io.logdoctor.shipper.ShipperConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code logdoctor shipper}: tails a node's pod logs into logs.raw. */
@Command(name = "shipper", mixinStandardHelpOptions = true,
        description = "Tail the pod logs of this node (kubelet layout, CRI format) and produce them into logs.raw. "
                + "Settings also come from LOGDOCTOR_* environment variables and the --config file.")
final class ShipperCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--pods-root", paramLabel = "DIR", description = "Root of the pod-log tree (default: /var/log/pods).")
    String podsRoot;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where read positions are kept (default: ~/.logdoctor/shipper).")
    String stateDir;

    @Option(names = "--cluster", description = "Cluster name put on every record (default: local).")
    String cluster;

    @Option(names = "--node", description = "Node name put on every record (default: NODE_NAME, else the host name).")
    String node;

    @Override
    public Integer call() throws Exception {
        Settings settings = kafka.settings();
        String nodeDefault = System.getenv().getOrDefault("NODE_NAME", InetAddress.getLocalHost().getHostName());
        ShipperConfig shipperConfig = ShipperConfig.defaults(
                kafka.bootstrapServers(settings),
                Path.of(settings.get("pods-root", podsRoot, "/var/log/pods")),
                Path.of(settings.get("state-dir", stateDir, System.getProperty("user.home") + "/.logdoctor/shipper")))
                .withCluster(settings.get("cluster", cluster, "local"))
                .withNode(settings.get("node", node, nodeDefault))
                .withKafkaProperties(settings.kafkaProperties());
        // Idempotent; also waits until the partitions accept writes (KAFKA-15591).
        Services.createTopics(shipperConfig.bootstrapServers(), settings.kafkaProperties(), 3, (short) -1);
        LogShipper shipper = LogShipper.start(shipperConfig);
        System.err.println("logdoctor shipper: tailing " + shipperConfig.podsRoot() + " into " + shipperConfig.bootstrapServers()
                + "; Ctrl-C stops it");
        Services.runUntilStopped(shipper);
        return 0;
    }
}
