package io.logdoctor.shipper.lambda;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.logdoctor.shipper.lambda.LambdaFixtures.INVOCATION;
import static io.logdoctor.shipper.lambda.LambdaFixtures.REQUEST;
import static io.logdoctor.shipper.lambda.LambdaFixtures.controlMessage;
import static io.logdoctor.shipper.lambda.LambdaFixtures.dataMessage;
import static io.logdoctor.shipper.lambda.LambdaFixtures.firehoseBody;
import static io.logdoctor.shipper.lambda.LambdaFixtures.firehoseBodyOfData;
import static io.logdoctor.shipper.lambda.LambdaFixtures.gzip;
import static io.logdoctor.shipper.lambda.LambdaFixtures.ofDelivery;
import static io.logdoctor.shipper.lambda.LambdaFixtures.readLogsRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /firehose} over real HTTP against the real broker: what Firehose would send, and what a
 * stranger, a broken stream or a hostile body would send. Every refused request is followed by a good one
 * on the same log stream (same partition), and nothing of the refused one may precede it.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class FirehoseIT {

    private static final String KEY = "fh-it-" + UUID.randomUUID();
    private static final String GROUP = "/aws/lambda/populate_NLB_TG_with_ALB";
    /** Small, so the size tests stay under the JDK server's 64 KiB drain of an unread body. */
    private static final int MAX_BODY = 48 * 1024;

    private static String bootstrap;
    private static LambdaReceiver receiver;

    @BeforeAll
    static void start(EmbeddedKafka kafka) throws InterruptedException {
        bootstrap = kafka.bootstrapServers();
        LambdaHttp.createLogsRaw(kafka);
        receiver = LambdaReceiver.start(new LambdaConfig(bootstrap, 0, KEY, MAX_BODY, Map.of(), "it-account"));
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void shouldAnswer200WithTheRequestIdOnlyWhenEveryLineIsOnLogsRaw() {
        String id = UUID.randomUUID().toString();
        String stream = stream();

        LambdaHttp.Answer answer = post(id, KEY, firehoseBody(id, dataMessage(GROUP, stream, INVOCATION), controlMessage()));

        assertEquals(200, answer.status(), answer.body().toString());
        assertEquals("application/json", answer.contentType());
        assertEquals(id, answer.body().get("requestId").asText());
        assertTrue(answer.body().get("timestamp").isIntegralNumber(), answer.body().toString());
        assertFalse(answer.body().has("errorMessage"));
        List<LogRecord> lines = ofDelivery(readLogsRaw(bootstrap, r -> ofDelivery(r, id).size() >= INVOCATION.size()), id);
        assertEquals(INVOCATION, lines.stream().map(LogRecord::line).toList());
        for (LogRecord line : lines) {
            assertEquals("populate_NLB_TG_with_ALB", line.function());
            assertEquals(GROUP, line.logGroup());
            assertEquals(stream, line.logStream());
            assertEquals("it-account", line.cluster());
            assertEquals("lambda", line.source());
        }
        assertEquals(REQUEST, lines.get(0).requestId(), "START");
        assertEquals(REQUEST, lines.get(2).requestId(), "JSON-format line");
        assertEquals(REQUEST, lines.get(5).requestId(), "REPORT");
        assertTrue(receiver.counters().controlMessages() >= 1);
    }

    @Test
    void shouldTakeAGzipBody() {
        String id = UUID.randomUUID().toString();
        byte[] body = gzip(firehoseBody(id, dataMessage(GROUP, stream(), List.of("START RequestId: " + REQUEST + " Version: $LATEST"))));

        assertEquals(200, post(id, KEY, body, "Content-Encoding", "gzip").status());
        assertEquals(1, ofDelivery(readLogsRaw(bootstrap, r -> !ofDelivery(r, id).isEmpty()), id).size());
    }

    @Test
    void shouldRefuseAMissingOrWrongAccessKeyWith401() {
        String stream = stream();
        String id = UUID.randomUUID().toString();
        byte[] body = firehoseBody(id, dataMessage(GROUP, stream, INVOCATION));
        long before = receiver.counters().unauthorized();

        LambdaHttp.Answer wrong = post(id, KEY + "x", body);
        LambdaHttp.Answer missing = post(id, null, body);

        assertEquals(401, wrong.status());
        assertEquals(id, wrong.body().get("requestId").asText());
        assertEquals("X-Amz-Firehose-Access-Key is not the configured access key", wrong.body().get("errorMessage").asText());
        assertEquals(401, missing.status());
        assertEquals(before + 2, receiver.counters().unauthorized());
        assertNothingProduced(stream, id);
    }

    @Test
    void shouldRefuseMalformedJsonBadBase64AndForeignRecordsWith400AndProduceNoneOfThem() {
        String stream = stream();
        String good = Base64.getEncoder().encodeToString(gzip(dataMessage(GROUP, stream, INVOCATION)));
        String plain = Base64.getEncoder().encodeToString("just text".getBytes(StandardCharsets.UTF_8));
        List<String> ids = new ArrayList<>();
        List<byte[]> bodies = List.of(
                "{\"requestId\": \"%s\", \"records\": [".getBytes(StandardCharsets.UTF_8),
                firehoseBodyOfData("%s", List.of(good, "!!not base64!!")),
                firehoseBodyOfData("%s", List.of(good, plain)));
        for (byte[] template : bodies) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            byte[] body = new String(template, StandardCharsets.UTF_8).replace("%s", id).getBytes(StandardCharsets.UTF_8);

            LambdaHttp.Answer answer = post(id, KEY, body);

            assertEquals(400, answer.status(), answer.body().toString());
            assertEquals(id, answer.body().get("requestId").asText());
            assertFalse(answer.body().get("errorMessage").asText().isEmpty());
        }
        assertNothingProduced(stream, ids.toArray(String[]::new));
    }

    @Test
    void shouldReplaceOutOfRangeEventTimesByTheReceiveTimeAndFlagThem() {
        String stream = stream();
        String id = UUID.randomUUID().toString();
        String payload = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\",\"logGroup\":\"" + GROUP
                + "\",\"logStream\":\"" + stream + "\",\"subscriptionFilters\":[],\"logEvents\":["
                + "{\"id\":\"1\",\"timestamp\":-5,\"message\":\"negative epoch\\n\"},"
                + "{\"id\":\"2\",\"timestamp\":253402300800000,\"message\":\"year 10000\\n\"},"
                + "{\"id\":\"3\",\"timestamp\":1714557600000,\"message\":\"canary\\n\"}]}";
        long replaced = receiver.counters().tsReplaced();

        LambdaHttp.Answer answer = post(id, KEY, firehoseBody(id, payload.getBytes(StandardCharsets.UTF_8)));

        assertEquals(200, answer.status(), answer.body().toString());
        List<LogRecord> lines = ofDelivery(readLogsRaw(bootstrap, r -> ofDelivery(r, id).size() >= 3), id);
        assertEquals(List.of(true, true), lines.subList(0, 2).stream().map(r -> Boolean.TRUE.equals(r.tsInvalid())).toList());
        assertEquals("canary", lines.get(2).line());
        assertEquals("2024-05-01T10:00:00Z", lines.get(2).ts());
        assertEquals(null, lines.get(2).tsInvalid());
        assertEquals(replaced + 2, receiver.counters().tsReplaced());
    }

    @Test
    void shouldRefuseDecompressionBombsInARecordAndInTheBody() {
        String stream = stream();
        String recordBomb = UUID.randomUUID().toString();
        String bodyBomb = UUID.randomUUID().toString();

        LambdaHttp.Answer inRecord = post(recordBomb, KEY, firehoseBody(recordBomb,
                dataMessage(GROUP, stream, INVOCATION), LambdaFixtures.bomb(GROUP, stream, CloudWatchLogsPayload.MAX_INFLATED_BYTES)));
        LambdaHttp.Answer inBody = post(bodyBomb, KEY, gzip(LambdaFixtures.bomb(GROUP, stream, 1024 * 1024)), "Content-Encoding", "gzip");

        assertEquals(413, inRecord.status());
        assertTrue(inRecord.body().get("errorMessage").asText().contains("decompression bomb"), inRecord.body().toString());
        assertEquals(413, inBody.status());
        assertTrue(inBody.body().get("errorMessage").asText().contains("after gunzip"), inBody.body().toString());
        assertNothingProduced(stream, recordBomb, bodyBomb);
    }

    @Test
    void shouldRefuseAnOversizedBodyWith413WhetherItsLengthIsDeclaredOrNot() {
        String id = UUID.randomUUID().toString();
        byte[] body = new byte[60 * 1024];
        long before = receiver.counters().tooLarge();

        LambdaHttp.Answer declared = post(id, KEY, body);
        LambdaHttp.Answer chunked = LambdaHttp.postChunked(receiver.port(), "/firehose", body, headers(id, KEY));

        assertEquals(413, declared.status());
        assertEquals("request body of 61440 bytes is over the limit of 49152 bytes", declared.body().get("errorMessage").asText());
        assertEquals(413, chunked.status());
        assertEquals(before + 2, receiver.counters().tooLarge());
    }

    @Test
    void shouldRefuseEverythingWhenNoAccessKeyIsConfigured() {
        try (LambdaReceiver keyless = LambdaReceiver.start(LambdaConfig.of(bootstrap, 0, " "))) {
            String id = UUID.randomUUID().toString();
            LambdaHttp.Answer answer = LambdaHttp.post(keyless.port(), "/firehose", firehoseBody(id), headers(id, ""));
            assertEquals(401, answer.status());
        }
    }

    @Test
    void shouldAnswer500AndNever200WhenKafkaIsDownOnBothPaths() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        LambdaConfig config = LambdaConfig.of("127.0.0.1:" + closed, 0, KEY).withKafkaProperties(Map.of(
                "max.block.ms", "1000", "request.timeout.ms", "1000", "delivery.timeout.ms", "1500"));
        try (LambdaReceiver down = LambdaReceiver.start(config)) {
            String id = UUID.randomUUID().toString();
            LambdaHttp.Answer answer = LambdaHttp.post(down.port(), "/firehose",
                    firehoseBody(id, dataMessage(GROUP, stream(), INVOCATION)), headers(id, KEY));

            assertEquals(500, answer.status(), answer.body().toString());
            assertEquals(id, answer.body().get("requestId").asText());
            assertTrue(answer.body().get("errorMessage").asText().startsWith("Kafka did not acknowledge every line"), answer.body().toString());
            LambdaHttp.Answer telemetry = LambdaHttp.post(down.port(), "/telemetry?function=checkout&logStream=s",
                    LambdaFixtures.telemetryBatch());
            assertEquals(500, telemetry.status(), "the Telemetry path follows the same rule: " + telemetry.body());
            assertEquals(2, down.counters().kafkaErrors());
            assertEquals(0, down.counters().recordsProduced());
        }
    }

    /** Sends a good request on {@code stream} and checks that none of {@code refused} came before it. */
    private static void assertNothingProduced(String stream, String... refused) {
        String marker = UUID.randomUUID().toString();
        assertEquals(200, post(marker, KEY, firehoseBody(marker, dataMessage(GROUP, stream, List.of("marker")))).status());
        List<LogRecord> read = readLogsRaw(bootstrap, r -> !ofDelivery(r, marker).isEmpty());
        assertEquals(1, ofDelivery(read, marker).size(), "the marker arrived");
        for (String id : refused) {
            assertEquals(List.of(), ofDelivery(read, id), "nothing of refused request " + id);
        }
    }

    private static LambdaHttp.Answer post(String id, String key, byte[] body, String... extraHeaders) {
        List<String> all = new ArrayList<>(List.of(headers(id, key)));
        all.addAll(List.of(extraHeaders));
        return LambdaHttp.post(receiver.port(), "/firehose", body, all.toArray(String[]::new));
    }

    /** The headers Firehose sends; a null key leaves the key header out. */
    private static String[] headers(String requestId, String key) {
        List<String> h = new ArrayList<>(List.of(
                "X-Amz-Firehose-Protocol-Version", "1.0",
                "X-Amz-Firehose-Request-Id", requestId,
                "X-Amz-Firehose-Source-Arn", "arn:aws:firehose:us-east-1:123456789012:deliverystream/lambda-logs",
                "X-Amz-Firehose-Common-Attributes", "{\"commonAttributes\":{\"env\":\"it\"}}"));
        if (key != null) {
            h.add("X-Amz-Firehose-Access-Key");
            h.add(key);
        }
        return h.toArray(String[]::new);
    }

    private static String stream() {
        return "2024/05/01/[$LATEST]" + UUID.randomUUID().toString().replace("-", "");
    }
}
