package io.logdoctor.broker;

import io.logdoctor.records.TopicCreator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedKafkaIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void shouldRoundTripRecordsThroughTheSharedBroker(EmbeddedKafka kafka) throws Exception {
        String topic = unique("round-trip");
        createTopic(kafka, topic, 3);
        Map<String, String> sent = records(500);

        produce(kafka, topic, sent);

        assertEquals(sent, consume(kafka, topic, sent.size()));
    }

    @Test
    void shouldKeepTopicsAndRecordsAcrossARestartWithTheSameDataDir(@TempDir Path dir) throws Exception {
        String topic = unique("survivor");
        Map<String, String> sent = records(50);
        EmbeddedKafka.Options options = EmbeddedKafka.Options.defaults().withDataDir(dir);
        try (EmbeddedKafka first = EmbeddedKafka.start(options)) {
            createTopic(first, topic, 2);
            produce(first, topic, sent);
        }
        assertTrue(Files.exists(dir.resolve("meta.properties")), "a kept data dir must survive close");

        try (EmbeddedKafka second = EmbeddedKafka.start(options)) {
            try (Admin admin = admin(second)) {
                assertTrue(admin.listTopics().names().get().contains(topic));
                new TopicCreator(admin).awaitReady(List.of(topic), TIMEOUT);
            }
            assertEquals(sent, consume(second, topic, sent.size()));
        }
    }

    @Test
    void shouldRefuseASecondBrokerOnAPortInUseAndKeepTheFirstRunning() throws Exception {
        int port = freePort();
        EmbeddedKafka.Options options = EmbeddedKafka.Options.defaults().withPort(port);
        try (EmbeddedKafka first = EmbeddedKafka.start(options)) {
            assertEquals("127.0.0.1:" + port, first.bootstrapServers());

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedKafka.start(options));

            assertEquals("port " + port + " is in use; pick another with --port", e.getMessage());
            try (Admin admin = admin(first)) {
                assertFalse(admin.describeCluster().nodes().get().isEmpty(), "the first broker still answers");
            }
        }
    }

    @Test
    void shouldSurviveATakenControllerPortAndRetryWithNewPorts() throws Exception {
        // Kafka answers a controller bind failure with Exit.halt(1); this test passing at all means
        // the JVM survived. Expect Kafka's ERROR stack traces for the first attempt in the output.
        try (ServerSocket taken = new ServerSocket(0, 1, Ports.LOOPBACK)) {
            AtomicInteger picks = new AtomicInteger();
            IntFunction<Ports> picker = port -> picks.getAndIncrement() == 0
                    ? new Ports(Ports.pick(0).broker(), taken.getLocalPort())
                    : Ports.pick(port);

            try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults(), picker);
                 Admin admin = admin(kafka)) {
                assertEquals(2, picks.get());
                assertFalse(admin.describeCluster().nodes().get().isEmpty());
            }
        }
    }

    @Test
    void shouldDeleteItsTempDirAndAllowCloseTwice() {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults());
        Path dir = kafka.dataDir();
        assertTrue(Files.isDirectory(dir));

        kafka.close();
        kafka.close();

        assertFalse(Files.exists(dir));
    }

    private static void createTopic(EmbeddedKafka kafka, String topic, int partitions) throws Exception {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            // KAFKA-15591: an idempotent producer can lose its first batches to a partition the broker
            // has not finished creating; wait until every partition answers list-offsets.
            new TopicCreator(admin).awaitReady(List.of(topic), TIMEOUT);
        }
    }

    private static void produce(EmbeddedKafka kafka, String topic, Map<String, String> records) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            records.forEach((key, value) -> sends.add(producer.send(new ProducerRecord<>(topic, key, value))));
            for (Future<RecordMetadata> send : sends) {
                send.get(); // a failed send is a failed test, never a silent loss
            }
        }
    }

    private static Map<String, String> consume(EmbeddedKafka kafka, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, unique("group"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, String> received = new HashMap<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (received.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    received.put(r.key(), r.value());
                }
            }
        }
        return received;
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static Map<String, String> records(int count) {
        Map<String, String> records = new HashMap<>();
        IntStream.range(0, count).forEach(i -> records.put("key-" + i, "value-" + i + "-" + UUID.randomUUID()));
        return records;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, Ports.LOOPBACK)) {
            return s.getLocalPort();
        }
    }
}
