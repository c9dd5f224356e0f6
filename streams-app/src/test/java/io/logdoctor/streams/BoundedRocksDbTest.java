package io.logdoctor.streams;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedRocksDbTest {

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void everyStoreSharesOneCacheThatAlsoHoldsTheIndexesAndMemtables() {
        BoundedRocksDb setter = new BoundedRocksDb();
        try (Options first = new Options().setTableFormatConfig(new BlockBasedTableConfig());
             Options second = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            setter.setConfig("diagnosis-state", first, Map.of());
            setter.setConfig("incidents", second, Map.of());

            BlockBasedTableConfig a = (BlockBasedTableConfig) first.tableFormatConfig();
            BlockBasedTableConfig b = (BlockBasedTableConfig) second.tableFormatConfig();
            assertTrue(a.cacheIndexAndFilterBlocks() && b.cacheIndexAndFilterBlocks(), "index and filter blocks in the cache");
            assertEquals(2, first.maxWriteBufferNumber());
            assertEquals(4L << 20, first.writeBufferSize(), "a quarter of the 64 MiB default for memtables, 4 of them");
        }
    }

    @Test
    void theBudgetIsTheAppPropertyAndABadOneSaysWhatToWrite() {
        assertEquals(BoundedRocksDb.DEFAULT_MEMORY, BoundedRocksDb.budget(Map.of()));
        assertEquals(268435456L, BoundedRocksDb.budget(Map.of(BoundedRocksDb.MEMORY_CONFIG, "268435456")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoundedRocksDb.budget(Map.of(BoundedRocksDb.MEMORY_CONFIG, "64m")));
        assertEquals("logdoctor.rocksdb.memory.bytes must be a number of bytes of at least 8388608 (8 MiB); was '64m'",
                e.getMessage());
    }

    @Test
    void theBudgetGivenAsAKafkaSettingReachesTheSetterThroughTheStreamsConfig() {
        // kafka.logdoctor.rocksdb.memory.bytes in --config (or LOGDOCTOR_KAFKA_...) arrives here without its kafka. prefix;
        // Kafka Streams hands the setter its app configs, the originals of this config.
        StreamsConfig config = new StreamsConfig(DiagnosisApp.streamsConfig("localhost:9092", Path.of("/tmp/state"),
                Map.of(BoundedRocksDb.MEMORY_CONFIG, "33554432")));
        assertEquals(BoundedRocksDb.class, config.getClass(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG));
        assertEquals(32L << 20, BoundedRocksDb.budget(config.originals()));
    }
}
