package io.logdoctor.shipper.sink;

import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.shipper.ShipperMetrics;
import io.logdoctor.shipper.files.FileCheckpoint;
import io.logdoctor.shipper.files.FileFingerprint;
import io.logdoctor.shipper.testing.Topics4Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.Json;
import io.logdoctor.records.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart reads its checkpoints while its producer's initTransactions fences the previous instance (issue 11
 * point 6): what that instance committed is restored, what it left open (killed mid-transaction) is not, the
 * read does not wait for the open transaction, and the previous instance can no longer commit.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class RestoreFenceIT {

    @TempDir
    Path dir;

    @Test
    void restoresWhatThePreviousInstanceCommittedAndFencesIt(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Topics4Test.create(bootstrap);
        ShipperConfig config = ShipperConfig.defaults(bootstrap, dir.resolve("pods"), dir.resolve("state"))
                .withCluster("fence").withNode("node-1");
        String prefix = "fence/node-1/";
        FileCheckpoint committed = FileCheckpoint.of("/pods/a/0.log", new FileFingerprint(1, 1, 64, 7), 10, 10, Map.of(), "cri");
        FileCheckpoint open = FileCheckpoint.of("/pods/a/0.log", new FileFingerprint(1, 1, 64, 7), 20, 20, Map.of(), "cri");
        FileCheckpoint openOnly = FileCheckpoint.of("/pods/b/0.log", new FileFingerprint(1, 2, 64, 9), 5, 5, Map.of(), "cri");
        Map<String, Object> props = KafkaSink.producerProperties(config);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TransactionalSink.transactionalId(config));
        try (KafkaProducer<String, byte[]> previous = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            previous.initTransactions();
            previous.beginTransaction();
            previous.send(new ProducerRecord<>(Topics.SHIPPER_OFFSETS, prefix + "1:1", Json.MAPPER.writeValueAsBytes(committed)));
            previous.commitTransaction();
            // Killed mid-transaction: these are on the log, neither committed nor aborted.
            previous.beginTransaction();
            previous.send(new ProducerRecord<>(Topics.SHIPPER_OFFSETS, prefix + "1:1", Json.MAPPER.writeValueAsBytes(open)));
            previous.send(new ProducerRecord<>(Topics.SHIPPER_OFFSETS, prefix + "1:2", Json.MAPPER.writeValueAsBytes(openOnly)));
            previous.flush();

            try (TransactionalSink sink = TransactionalSink.create(config, new ShipperMetrics(Clock.systemUTC()), () -> { })) {
                assertEquals(Map.of("1:1", committed), sink.restore());
            }
            assertThrows(KafkaException.class, previous::commitTransaction, "the previous instance is fenced");
        }
    }
}
