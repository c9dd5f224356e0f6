package io.logdoctor.cli;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How fast {@code signatures backtest} reads logs.raw on the embedded broker: opt-in, as it produces
 * {@code -Dlogdoctor.backtest.records=N} records first (BENCHMARKS.md has the figure and the command).
 * One line in a hundred is the signature's; the prefilter rejects the rest.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class BacktestThroughputIT {

    private static final String[] NOISE = {
            "{\"level\":\"info\",\"ts\":\"2024-05-01T10:00:00.000Z\",\"msg\":\"served request\",\"path\":\"/api/v1/items/%d\",\"status\":200}",
            "I0501 10:00:00.000000       1 controller.go:%d] Successfully synced 'payments/ledger-%d'",
            "level=debug msg=\"cache refreshed\" entries=%d took=%dms",
            "2024-05-01 10:00:00,000 INFO  [worker-%d] c.e.Ledger - committed batch %d",
    };

    @TempDir
    Path work;

    @Test
    void shouldReportTheBacktestRate(EmbeddedKafka kafka) throws Exception {
        long records = Long.getLong("logdoctor.backtest.records", 0);
        assumeTrue(records > 0, "opt-in: -Dlogdoctor.backtest.records=1000000 measures the backtest rate");
        String bootstrap = kafka.bootstrapServers();
        Services.createTopics(bootstrap, Map.of(), 3, (short) 1);
        String from = endOffsets(bootstrap);
        Instant t0 = Instant.now().minusSeconds(3600);
        try (KafkaProducer<String, LogRecord> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                Topics.LOGS_RAW.keySerde().serializer(), Topics.LOGS_RAW.valueSerde().serializer())) {
            for (long i = 0; i < records; i++) {
                String pod = "ledger-" + (i % 100 == 0 ? i / 100 % 30 : i % 30);
                String line = i % 100 == 0 ? "ERROR ledger shard " + (i % 4) + " refused write: quorum lost after 12ms"
                        : String.format(NOISE[(int) (i % NOISE.length)], i, i % 977);
                LogRecord r = LogRecord.k8s(t0.plusMillis(i).toString(), "bench", "node-1", "payments", pod, "ledger",
                        "stdout", line, "/var/log/pods/payments_" + pod + "_x/ledger/0.log", i * 120, false);
                producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), r.streamKey(), r));
            }
        }
        Path signature = BacktestCommandTest.signature(work);

        // in turns, on the same records: every record decoded (the raw test off), then the raw test on
        for (String rawTest : new String[] {"off", "on", "off", "on"}) {
            System.setProperty("logdoctor.raw.prefilter", rawTest);
            try {
                Console c = Console.run("signatures", "backtest", "--bootstrap-server", bootstrap, "--from-offset", from,
                        signature.toString());

                System.out.println("[backtest raw-prefilter=" + rawTest + "] " + c.err().strip());
                assertEquals(0, c.exitCode(), c.err());
                assertTrue(c.err().contains(": " + records + " records in "), c.err());
                assertEquals(30, c.out().lines().filter(l -> l.startsWith("team/ledger-quorum-lost")).count(), c.out());
            } finally {
                System.clearProperty("logdoctor.raw.prefilter");
            }
        }
    }

    /** logs.raw's end offsets now, as --from-offset P:N,... so the backtest reads only this test's records. */
    private static String endOffsets(String bootstrap) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LOGS_RAW.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            StringJoiner out = new StringJoiner(",");
            consumer.endOffsets(partitions).forEach((p, o) -> out.add(p.partition() + ":" + o));
            return out.toString();
        }
    }
}
