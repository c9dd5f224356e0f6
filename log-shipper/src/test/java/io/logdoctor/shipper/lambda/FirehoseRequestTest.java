package io.logdoctor.shipper.lambda;

import io.logdoctor.records.LogRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static io.logdoctor.shipper.lambda.LambdaFixtures.INVOCATION;
import static io.logdoctor.shipper.lambda.LambdaFixtures.REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirehoseRequestTest {

    private static final String GROUP = "/aws/lambda/populate_NLB_TG_with_ALB";
    private static final String STREAM = "2024/05/01/[$LATEST]4f1c2d3e4b5a69788796a5b4c3d2e1f0";

    @Test
    void shouldReadEveryLineOfEveryRecordWithTheRequestIdAsDeliveryId() throws IOException {
        byte[] body = LambdaFixtures.firehoseBody("req-1", LambdaFixtures.dataMessage(GROUP, STREAM, INVOCATION),
                LambdaFixtures.controlMessage());

        FirehoseRequest request = FirehoseRequest.parse("req-1", body);
        FirehoseRequest.Lines lines = request.lines();

        assertEquals("req-1", request.requestId());
        assertEquals(1714557605000L, request.timestamp());
        assertEquals(INVOCATION, lines.records().stream().map(LogRecord::line).toList());
        assertEquals(1, lines.controlMessages());
        LogRecord report = lines.records().get(5);
        assertEquals("populate_NLB_TG_with_ALB", report.function());
        assertEquals(GROUP, report.logGroup());
        assertEquals(STREAM, report.logStream());
        assertEquals(REQUEST, report.requestId());
        assertEquals("req-1", report.deliveryId());
        assertEquals(REQUEST, lines.records().get(2).requestId(), "JSON-format function line");
        assertEquals(GROUP + "/" + STREAM, report.streamKey());
    }

    @Test
    void shouldTakeTheBodyRequestIdWhenTheHeaderIsAbsentAndSkipEmptyRecords() throws IOException {
        FirehoseRequest request = FirehoseRequest.parse(null,
                LambdaFixtures.firehoseBodyOfData("req-2", List.of("")));

        assertEquals("req-2", request.requestId());
        assertEquals(new FirehoseRequest.Lines(List.of(), 0, 1), request.lines());
    }

    @Test
    void shouldNameWhatIsWrongWithAMalformedBody() {
        assertEquals("body must be a JSON object with requestId and records; got ARRAY", message("[]"));
        assertEquals("body must be a JSON object with requestId and records; got nothing", message(""));
        assertEquals("requestId must be a non-empty string; was 5", message("{\"requestId\":5,\"records\":[]}"));
        assertEquals("records must be an array; was missing", message("{\"requestId\":\"r\"}"));
        assertEquals("records[0].data must be a base64 string; was NUMBER", message("{\"requestId\":\"r\",\"records\":[{\"data\":1}]}"));
        assertTrue(message("{\"requestId\":\"r\",\"records\":[{\"data\":\"not base64!\"}]}")
                .startsWith("records[0].data is not valid base64: "));
        assertTrue(message("{\"requestId\": \"r\", \"records\": [").startsWith("body is not JSON: "));
    }

    @Test
    void shouldRefuseABodyWhoseRequestIdIsNotTheHeaders() {
        IOException e = assertThrows(IOException.class, () -> FirehoseRequest.parse("other",
                LambdaFixtures.firehoseBodyOfData("req-3", List.of())));
        assertEquals("X-Amz-Firehose-Request-Id 'other' does not match the body's requestId 'req-3'", e.getMessage());
    }

    @Test
    void shouldRefuseARecordThatIsNotACloudWatchLogsPayload() throws IOException {
        String notGzip = Base64.getEncoder().encodeToString("plain text".getBytes(StandardCharsets.UTF_8));
        FirehoseRequest request = FirehoseRequest.parse("r", LambdaFixtures.firehoseBodyOfData("r", List.of(notGzip)));

        IOException e = assertThrows(IOException.class, request::lines);
        assertTrue(e.getMessage().startsWith("records[0] is not a CloudWatch Logs subscription payload: "), e.getMessage());
    }

    @Test
    void shouldRefuseARecordThatInflatesPastTheCap() throws IOException {
        byte[] bomb = LambdaFixtures.bomb("/aws/lambda/f", "s", CloudWatchLogsPayload.MAX_INFLATED_BYTES);
        FirehoseRequest request = FirehoseRequest.parse("r", LambdaFixtures.firehoseBody("r", bomb));

        LimitExceeded e = assertThrows(LimitExceeded.class, request::lines);
        assertEquals(413, e.status());
        assertTrue(e.getMessage().startsWith("records[0]: payload inflates past"), e.getMessage());
    }

    @Test
    void shouldRefuseRecordsThatInflatePastTheRequestsLimitTogether() throws IOException {
        byte[] third = LambdaFixtures.bomb("/aws/lambda/f", "s", 3 * 1024 * 1024);
        FirehoseRequest request = FirehoseRequest.parse("r", LambdaFixtures.firehoseBody("r", third, third, third, third));
        InflightBudget inflight = new InflightBudget(1L << 40);

        try (RequestBudget budget = new RequestBudget(inflight, 10L * 1024 * 1024)) {
            LimitExceeded e = assertThrows(LimitExceeded.class, () -> request.lines(budget));
            assertEquals(413, e.status());
            assertTrue(e.getMessage().startsWith("records[3]: the request inflates past 10485760 bytes"), e.getMessage());
        }
        assertEquals(0, inflight.used());
    }

    @Test
    void shouldAnswer503WhileOtherRequestsHoldTheBudget() throws IOException, InterruptedException {
        byte[] record = LambdaFixtures.bomb("/aws/lambda/f", "s", 1024 * 1024);
        FirehoseRequest request = FirehoseRequest.parse("r", LambdaFixtures.firehoseBody("r", record));
        InflightBudget inflight = new InflightBudget(2L * 1024 * 1024);
        InflightBudget.Claim other = inflight.open(); // another request, older
        assertTrue(inflight.reserve(other, 1024 * 1024));

        try (RequestBudget budget = new RequestBudget(inflight, 10L * 1024 * 1024)) {
            LimitExceeded e = assertThrows(LimitExceeded.class, () -> request.lines(budget));
            assertEquals(503, e.status());
        }
        assertEquals(1024 * 1024, inflight.used());
        inflight.close(other);
        try (RequestBudget budget = new RequestBudget(inflight, 10L * 1024 * 1024)) {
            assertThrows(LimitExceeded.class, () -> request.lines(budget)); // 1 MiB x PARSED_COST still does not fit 2 MiB
        }
        assertEquals(0, inflight.used());
    }

    private static String message(String body) {
        return assertThrows(IOException.class,
                () -> FirehoseRequest.parse(null, body.getBytes(StandardCharsets.UTF_8))).getMessage();
    }
}
