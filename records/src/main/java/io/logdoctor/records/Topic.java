package io.logdoctor.records;

import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/**
 * A topic's name travelling with its serdes and the topic configs it is created with, so producers,
 * the topology and tests all use one definition.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> configs) {

    public Topic {
        configs = Map.copyOf(configs);
    }
}
