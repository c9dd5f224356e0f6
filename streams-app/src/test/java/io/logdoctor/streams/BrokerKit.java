package io.logdoctor.streams;

import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.TopicCreator;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the streams ITs do on the shared embedded broker: create the topics, write raw bytes or log
 * records to logs.raw, read diagnoses and dead letters until a wanted one shows up, and poll HTTP.
 * Waits poll a condition with a generous deadline: the machine is shared and slow builds run beside.
 */
final class BrokerKit {

    static final Duration WAIT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String bootstrap;

    BrokerKit(String bootstrap) throws InterruptedException {
        this.bootstrap = bootstrap;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicCreator(admin).createAll(Topics.ALL, 3, (short) 1, Duration.ofSeconds(60));
        }
    }

    /** Settings that give each app its own consumer group and internal topics on the shared broker. */
    static Map<String, String> isolated() {
        return Map.of("application.id", "it-" + UUID.randomUUID(), "commit.interval.ms", "200");
    }

    /** A pod-log record of {@code pod} (container main) with the given time and line. */
    static LogRecord record(String pod, String ts, String line) {
        return new LogRecord(ts, LogRecord.SOURCE_K8S, "it", "node-1", "kube-system", pod, "main", "stdout", null, null,
                null, null, line, "/var/log/pods/kube-system_" + pod + "_x/main/0.log", 0L, null, null);
    }

    void produce(LogRecord... records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (LogRecord r : records) {
                producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), r.streamKey().getBytes(StandardCharsets.UTF_8),
                        Topics.LOGS_RAW.valueSerde().serializer().serialize(Topics.LOGS_RAW.name(), r))).get();
            }
        }
    }

    /** Writes {@code value} as is (null for a tombstone), as a broken or hostile producer could. */
    void produceRaw(String key, byte[] value) throws Exception {
        produceRaw(Topics.LOGS_RAW.name(), key, value);
    }

    void produceRaw(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The canary: a normal failure (the test catalogue's retry loop, 3 within 2 minutes) on its own pod. */
    void produceCanary(String pod) throws Exception {
        Instant now = Instant.now();
        produce(record(pod, now.toString(), "Retrying waiting for IPAMD"), record(pod, now.plusSeconds(1).toString(),
                "Retrying waiting for IPAMD"), record(pod, now.plusSeconds(2).toString(), "Retrying waiting for IPAMD"));
    }

    /** Reads diagnoses (committed only) from the start until one satisfies {@code wanted}. */
    Diagnosis awaitDiagnosis(Predicate<Diagnosis> wanted, String what) {
        List<ConsumerRecord<byte[], byte[]>> seen = await(Topics.DIAGNOSES.name(), r -> r.value() != null && wanted.test(diagnosis(r)), what);
        return diagnosis(seen.get(seen.size() - 1));
    }

    private static Diagnosis diagnosis(ConsumerRecord<byte[], byte[]> r) {
        return Topics.DIAGNOSES.valueSerde().deserializer().deserialize(Topics.DIAGNOSES.name(), r.value());
    }

    /** Reads logs.dlq from the start until a record whose key is {@code key} shows up. */
    ConsumerRecord<byte[], byte[]> awaitDeadLetter(String key) {
        List<ConsumerRecord<byte[], byte[]>> seen = await(Topics.LOGS_DLQ.name(),
                r -> r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8)), "a dead letter keyed " + key);
        return seen.get(seen.size() - 1);
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every record read until the first that satisfies {@code wanted} (which is last); fails after {@link #WAIT}. */
    private List<ConsumerRecord<byte[], byte[]>> await(String topic, Predicate<ConsumerRecord<byte[], byte[]>> wanted, String what) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(r);
                    if (wanted.test(r)) {
                        return seen;
                    }
                }
            }
        }
        return fail("no " + what + " on " + topic + " within " + WAIT + " (" + seen.size() + " records read)");
    }

    record Response(int status, String body) {
    }

    static Response get(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Response(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "interrupted");
        }
    }

    /** Polls {@code url} until the response satisfies {@code wanted}; fails after {@link #WAIT}. */
    static Response await(String url, Predicate<Response> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            last = get(url);
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        return fail("GET " + url + " never answered as wanted within " + WAIT + "; last: " + last);
    }
}
