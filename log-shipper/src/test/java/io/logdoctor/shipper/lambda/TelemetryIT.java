package io.logdoctor.shipper.lambda;

import static io.logdoctor.shipper.lambda.LambdaFixtures.REQUEST;
import static io.logdoctor.shipper.lambda.LambdaFixtures.ofDelivery;
import static io.logdoctor.shipper.lambda.LambdaFixtures.readLogsRaw;
import static io.logdoctor.shipper.lambda.LambdaFixtures.telemetryBatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.LogRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /telemetry} over real HTTP against the real broker: Telemetry API batches as a relay
 * extension forwards them, with the stream named in the query or in headers.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class TelemetryIT {

    private static String bootstrap;
    private static LambdaReceiver receiver;

    @BeforeAll
    static void start(EmbeddedKafka kafka) throws InterruptedException {
        bootstrap = kafka.bootstrapServers();
        LambdaHttp.createLogsRaw(kafka);
        receiver = LambdaReceiver.start(new LambdaConfig(bootstrap, 0, null, 64 * 1024, Map.of(), null));
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void shouldProduceLogLinesAndInvocationOutcomesBeforeAnswering200() {
        String stream = stream();
        String id = UUID.randomUUID().toString();

        LambdaHttp.Answer answer = LambdaHttp.post(receiver.port(), "/telemetry?function=checkout&logStream=" + encoded(stream),
                telemetryBatch(), TelemetryHandler.DELIVERY_ID, id);

        assertEquals(200, answer.status(), answer.body().toString());
        assertEquals(5, answer.body().get("records").asInt());
        assertEquals(1, answer.body().get("dropped").asInt());
        List<LogRecord> records = ofDelivery(readLogsRaw(bootstrap, r -> ofDelivery(r, id).size() >= 5), id);
        assertEquals(5, records.size());
        for (LogRecord r : records) {
            assertEquals("checkout", r.function());
            assertEquals("/aws/lambda/checkout", r.logGroup());
            assertEquals(stream, r.logStream());
        }
        assertEquals(REQUEST, records.get(0).requestId(), "text-format function line");
        assertEquals(REQUEST, records.get(1).requestId(), "JSON-format function line");
        assertTrue(records.get(3).line().contains("\"type\":\"platform.runtimeDone\"")
                && records.get(3).line().contains("\"status\":\"timeout\""), records.get(3).line());
        assertEquals(REQUEST, records.get(4).requestId(), "platform.report");
    }

    @Test
    void shouldTakeTheStreamFromHeadersAndAGzipBody() {
        String id = UUID.randomUUID().toString();

        LambdaHttp.Answer answer = LambdaHttp.post(receiver.port(), "/telemetry", LambdaFixtures.gzip(telemetryBatch()),
                "Content-Encoding", "gzip", TelemetryHandler.DELIVERY_ID, id,
                TelemetryStream.LOG_GROUP_HEADER, "/aws/lambda/checkout", TelemetryStream.LOG_STREAM_HEADER, stream());

        assertEquals(200, answer.status(), answer.body().toString());
        assertEquals(5, ofDelivery(readLogsRaw(bootstrap, r -> ofDelivery(r, id).size() >= 5), id).size());
    }

    @Test
    void shouldRefuseMalformedBatchesWith400AndProduceNoneOfThem() {
        String stream = stream();
        String path = "/telemetry?function=checkout&logStream=" + encoded(stream);
        String goodEvent = "{\"time\":\"2024-05-01T10:00:00.120Z\",\"type\":\"function\",\"record\":\"hello\"}";
        List<String> bad = List.of(
                "{\"type\":\"function\",\"record\":\"hello\"}",
                "[" + goodEvent + ", {\"time\":\"2024-05-01T10:00:00.121Z\",\"record\":\"no type\"}]",
                "[" + goodEvent + ", {\"time\":\"2024-05-01T10:00:00.122Z\",\"type\":\"function\",\"record\":42}]",
                "[" + goodEvent + ",");
        for (int i = 0; i < bad.size(); i++) {
            LambdaHttp.Answer answer = LambdaHttp.post(receiver.port(), path, bad.get(i).getBytes(StandardCharsets.UTF_8),
                    TelemetryHandler.DELIVERY_ID, "bad-" + stream + "-" + i);
            assertEquals(400, answer.status(), bad.get(i));
            assertTrue(answer.body().has("errorMessage"));
        }
        LambdaHttp.Answer noStream = LambdaHttp.post(receiver.port(), "/telemetry?function=checkout", telemetryBatch());
        assertEquals(400, noStream.status());

        String marker = "marker-" + stream;
        assertEquals(200, LambdaHttp.post(receiver.port(), path, ("[" + goodEvent + "]").getBytes(StandardCharsets.UTF_8),
                TelemetryHandler.DELIVERY_ID, marker).status());
        List<LogRecord> read = readLogsRaw(bootstrap, r -> !ofDelivery(r, marker).isEmpty());
        assertEquals(List.of(), read.stream().filter(r -> r.deliveryId() != null && r.deliveryId().startsWith("bad-" + stream)).toList());
    }

    @Test
    void shouldReplaceOutOfRangeTimesByTheReceiveTimeAndFlagThem() {
        String stream = stream();
        String id = UUID.randomUUID().toString();
        String batch = "[{\"time\":\"+999999999-12-31T23:59:59.999999999+18:00\",\"type\":\"function\",\"record\":\"overflow\"},"
                + "{\"time\":\"1969-12-31T23:59:59Z\",\"type\":\"function\",\"record\":\"negative epoch\"},"
                + "{\"time\":\"2024-05-01T10:00:00.120Z\",\"type\":\"function\",\"record\":\"canary\"}]";
        Instant before = Instant.now();
        long replaced = receiver.counters().tsReplaced();

        LambdaHttp.Answer answer = LambdaHttp.post(receiver.port(), "/telemetry?function=checkout&logStream=" + encoded(stream),
                batch.getBytes(StandardCharsets.UTF_8), TelemetryHandler.DELIVERY_ID, id);

        assertEquals(200, answer.status(), answer.body().toString());
        List<LogRecord> records = ofDelivery(readLogsRaw(bootstrap, r -> ofDelivery(r, id).size() >= 3), id);
        for (LogRecord r : records.subList(0, 2)) {
            assertEquals(Boolean.TRUE, r.tsInvalid(), r.toString());
            assertTrue(!Instant.parse(r.ts()).isBefore(before.minusSeconds(1)), r.ts());
        }
        assertEquals("canary", records.get(2).line());
        assertEquals("2024-05-01T10:00:00.120Z", records.get(2).ts());
        assertEquals(null, records.get(2).tsInvalid());
        assertEquals(replaced + 2, receiver.counters().tsReplaced());
    }

    private static String stream() {
        return "2024/05/01/[$LATEST]" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
