package io.logdoctor.shipper.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

/**
 * Realistic Lambda log lines and the payloads that carry them (CloudWatch Logs subscription messages,
 * Firehose request bodies, Telemetry API batches), built the way AWS builds them: JSON, gzip, base64.
 */
final class LambdaFixtures {

    static final String REQUEST = "0b6f2e8c-5a1d-4c9e-8f3b-7e2a9d6c1b54";
    static final String TIMEOUT_LINE = "2024-05-01T10:00:03.010Z " + REQUEST + " Task timed out after 3.00 seconds";
    static final String REPORT_LINE = "REPORT RequestId: " + REQUEST + "\tDuration: 3000.00 ms\tBilled Duration: 3000 ms"
            + "\tMemory Size: 128 MB\tMax Memory Used: 47 MB\tStatus: timeout";
    static final String JSON_LINE = "{\"timestamp\":\"2024-05-01T10:00:01.250Z\",\"level\":\"ERROR\",\"requestId\":\"" + REQUEST
            + "\",\"message\":\"upstream answered 502\"}";

    /** What a timed-out invocation prints in the text log format, plus one JSON-format function line. */
    static final List<String> INVOCATION = List.of(
            "START RequestId: " + REQUEST + " Version: $LATEST",
            "2024-05-01T10:00:00.120Z\t" + REQUEST + "\tINFO\tregistering 3 targets with nlb-tg",
            JSON_LINE,
            TIMEOUT_LINE,
            "END RequestId: " + REQUEST,
            REPORT_LINE);

    private LambdaFixtures() {
    }

    /** A CloudWatch Logs DATA_MESSAGE as a subscription delivers it: each message ends with a newline. */
    static byte[] dataMessage(String logGroup, String logStream, List<String> lines) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("messageType", "DATA_MESSAGE");
        root.put("owner", "123456789012");
        root.put("logGroup", logGroup);
        root.put("logStream", logStream);
        root.putArray("subscriptionFilters").add("to-logdoctor");
        ArrayNode events = root.putArray("logEvents");
        for (int i = 0; i < lines.size(); i++) {
            events.addObject()
                    .put("id", "3796087249523412389012345678901234567890123456" + i)
                    .put("timestamp", 1714557600000L + i)
                    .put("message", lines.get(i) + "\n");
        }
        return json(root);
    }

    /**
     * A decompression bomb that stays valid JSON as long as it is read: a DATA_MESSAGE of one event whose
     * message is {@code messageBytes} of one letter (gzip makes it about a thousandth of that).
     */
    static byte[] bomb(String logGroup, String logStream, int messageBytes) {
        String head = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\",\"logGroup\":\"" + logGroup
                + "\",\"logStream\":\"" + logStream + "\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"1\","
                + "\"timestamp\":1714557600000,\"message\":\"";
        return (head + "A".repeat(messageBytes) + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    /** CloudWatch Logs' reachability check, sent when a subscription is created. */
    static byte[] controlMessage() {
        return ("{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\",\"logStream\":\"\","
                + "\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1714557600000,"
                + "\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Firehose.\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    /** A Firehose request body whose records are the given payloads, gzipped and base64'd as CloudWatch Logs does. */
    static byte[] firehoseBody(String requestId, byte[]... payloads) {
        List<String> data = new ArrayList<>();
        for (byte[] payload : payloads) {
            data.add(Base64.getEncoder().encodeToString(gzip(payload)));
        }
        return firehoseBodyOfData(requestId, data);
    }

    /** A Firehose request body with the record data given as is. */
    static byte[] firehoseBodyOfData(String requestId, List<String> data) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("requestId", requestId);
        root.put("timestamp", 1714557605000L);
        ArrayNode records = root.putArray("records");
        data.forEach(d -> records.addObject().put("data", d));
        return json(root);
    }

    /** A Telemetry API event; {@code record} is a String (text format) or a JSON node. */
    static ObjectNode event(String time, String type, Object record) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("time", time);
        event.put("type", type);
        if (record instanceof String s) {
            event.put("record", s);
        } else {
            event.set("record", Json.MAPPER.valueToTree(record));
        }
        return event;
    }

    /** An invocation as the Telemetry API reports it: one event of each kind that matters. */
    static byte[] telemetryBatch() {
        ArrayNode batch = Json.MAPPER.createArrayNode();
        batch.add(event("2024-05-01T10:00:00.001Z", "platform.start", Map.of("requestId", REQUEST, "version", "$LATEST")));
        batch.add(event("2024-05-01T10:00:00.120Z", "function", "2024-05-01T10:00:00.120Z\t" + REQUEST + "\tINFO\tregistering 3 targets\n"));
        batch.add(event("2024-05-01T10:00:01.250Z", "function", Map.of("timestamp", "2024-05-01T10:00:01.250Z",
                "level", "ERROR", "requestId", REQUEST, "message", "upstream answered 502")));
        batch.add(event("2024-05-01T10:00:02.000Z", "extension", "[relay] forwarded 3 events"));
        batch.add(event("2024-05-01T10:00:03.005Z", "platform.runtimeDone", Map.of("requestId", REQUEST, "status", "timeout",
                "metrics", Map.of("durationMs", 3000.0, "producedBytes", 0))));
        batch.add(event("2024-05-01T10:00:03.012Z", "platform.report", Map.of("requestId", REQUEST, "status", "timeout",
                "metrics", Map.of("durationMs", 3000.0, "billedDurationMs", 3000, "memorySizeMB", 128, "maxMemoryUsedMB", 47))));
        return json(batch);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] json(Object node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every {@code logs.raw} record from the beginning, read until {@code done} holds for what was read
     * or 30 s pass. Tests share the topic, so callers filter by their own delivery ids.
     */
    static List<LogRecord> readLogsRaw(String bootstrap, Predicate<List<LogRecord>> done) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<LogRecord> read = new ArrayList<>();
        try (KafkaConsumer<String, LogRecord> consumer = new KafkaConsumer<>(config,
                Topics.LOGS_RAW.keySerde().deserializer(), Topics.LOGS_RAW.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LOGS_RAW.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!done.test(read) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, LogRecord> r : consumer.poll(Duration.ofMillis(200))) {
                    read.add(r.value());
                }
            }
        }
        return read;
    }

    /** The records of one delivery, in the order they were read. */
    static List<LogRecord> ofDelivery(List<LogRecord> records, String deliveryId) {
        return records.stream().filter(r -> deliveryId.equals(r.deliveryId())).toList();
    }
}
