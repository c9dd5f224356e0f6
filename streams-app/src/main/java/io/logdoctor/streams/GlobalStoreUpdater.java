package io.logdoctor.streams;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.function.Predicate;

/**
 * Keeps a global store equal to its topic: a value {@code keep} admits is put, anything else (a
 * tombstone, a value not worth keeping) deletes the key. On restore Kafka Streams loads the topic
 * without this filter, so readers of the store must not rely on it, only benefit from it.
 */
final class GlobalStoreUpdater<V> implements Processor<String, V, Void, Void> {

    private final String store;
    private final Predicate<V> keep;
    private KeyValueStore<String, V> kv;

    GlobalStoreUpdater(String store, Predicate<V> keep) {
        this.store = store;
        this.keep = keep;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        kv = context.getStateStore(store);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() != null && keep.test(record.value())) {
            kv.put(record.key(), record.value());
        } else {
            kv.delete(record.key());
        }
    }
}
