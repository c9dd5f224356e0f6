package io.logdoctor.records;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name travelling with its serdes and how it is created, so producers, the topology and
 * tests all use one definition.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {
}
