package io.logdoctor.broker;

import java.nio.file.Path;
import java.util.Properties;

/** The server properties of a single combined broker+controller node listening on loopback only. */
final class BrokerConfig {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerConfig() {
    }

    /** Properties for a node on {@code ports} that keeps its logs and metadata in {@code dir}. */
    static Properties of(Ports ports, Path dir) {
        String host = Ports.LOOPBACK.getHostAddress();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // A static quorum of one voter: no --standalone format and no voter records to keep in step.
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + ports.controller());
        p.put("listeners", "PLAINTEXT://" + host + ":" + ports.broker()
                + "," + CONTROLLER_LISTENER + "://" + host + ":" + ports.controller());
        // 127.0.0.1 everywhere: "localhost" may resolve to ::1 first and the broker must not be reachable from outside.
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + ports.broker());
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.put("metadata.log.dir", dir.toString());

        // The pipeline creates its topics explicitly, with their partitions and cleanup policy.
        p.put("auto.create.topics.enable", "false");

        // One node: every internal topic must have replication factor 1 (the default of 3 never forms a group).
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // One partition each: a first consumer group joins in ~0.4 s instead of ~1.2 s, and shutdown no
        // longer logs ~100 "EventProcessor is closed" errors from unloading 50 coordinators.
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        // No one else will join: do not hold the first rebalance for 3 s.
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }
}
