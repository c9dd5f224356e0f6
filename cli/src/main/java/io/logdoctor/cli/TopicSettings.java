package io.logdoctor.cli;

import java.util.Map;

/**
 * How a service command makes its topics: their partitions and replication factor ({@code -1}: the broker's
 * default), and whether it may create them at all ({@code create-topics=false} on a cluster whose ACLs forbid it).
 */
record TopicSettings(int partitions, short replication, boolean create, Map<String, String> kafkaProperties) {
}
