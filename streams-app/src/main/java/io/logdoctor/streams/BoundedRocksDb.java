package io.logdoctor.streams;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * One off-heap memory budget for every RocksDB store of the app, whatever the number of stores and partitions: a
 * shared block cache that also holds the index and filter blocks and, through a write buffer manager, the memtables.
 * Kafka Streams' default gives each store of each partition its own 50 MiB cache and up to three 16 MiB memtables, so
 * the app's native memory grew with the partitions it was assigned (four stores, 3 partitions: up to 1.2 GiB). This is
 * the bounded-memory setter Kafka's memory management guide describes; {@value #MEMORY_CONFIG} sets the budget.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    /** The app property with the budget in bytes, for the block cache and the memtables together. */
    public static final String MEMORY_CONFIG = "logdoctor.rocksdb.memory.bytes";
    static final long DEFAULT_MEMORY = 64L << 20;
    /** The memtables' share of the budget, counted against the cache. */
    private static final double MEMTABLE_SHARE = 0.25;
    /** The cache's share kept for index and filter blocks, so data blocks cannot evict them. */
    private static final double INDEX_FILTER_SHARE = 0.1;

    private static Shared shared;

    private record Shared(long bytes, Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared s = shared(budget(configs));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(s.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(s.writeBuffers());
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(Math.max(1L << 20, (long) (s.bytes() * MEMTABLE_SHARE / 4)));
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store of the process: never closed per store
    }

    /** The budget the app's configuration gives, or the default; a bad value is refused with what to write. */
    static long budget(Map<String, Object> configs) {
        Object value = configs.get(MEMORY_CONFIG);
        if (value == null) {
            return DEFAULT_MEMORY;
        }
        try {
            long bytes = Long.parseLong(value.toString().trim());
            if (bytes >= 8L << 20) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(MEMORY_CONFIG + " must be a number of bytes of at least 8388608 (8 MiB); was '"
                + value + "'");
    }

    /** The cache and write buffer manager of this process, made for the first store's budget. */
    private static synchronized Shared shared(long bytes) {
        if (shared == null) {
            Cache cache = new LRUCache(bytes, -1, false, INDEX_FILTER_SHARE);
            shared = new Shared(bytes, cache, new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache));
        }
        return shared;
    }
}
