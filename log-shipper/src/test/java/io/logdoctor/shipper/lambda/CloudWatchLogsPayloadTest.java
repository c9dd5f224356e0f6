package io.logdoctor.shipper.lambda;

import io.logdoctor.records.LogRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;


class CloudWatchLogsPayloadTest {

    static final String DATA = """
            {"messageType":"DATA_MESSAGE","owner":"123456789012","logGroup":"/aws/lambda/populate_NLB_TG_with_ALB",
             "logStream":"2024/05/01/[$LATEST]4f1c2d3e4b5a69788796a5b4c3d2e1f0","subscriptionFilters":["to-firehose"],
             "logEvents":[
              {"id":"1","timestamp":1714557600000,"message":"START RequestId: 0b6f2e8c-5a1d-4c9e-8f3b-7e2a9d6c1b54 Version: $LATEST\\n"},
              {"id":"2","timestamp":1714557603010,"message":"2024-05-01T10:00:03.010Z\\t0b6f2e8c-5a1d-4c9e-8f3b-7e2a9d6c1b54\\tTask timed out after 3.00 seconds\\n"},
              {"id":"3","timestamp":1714557603020,"message":"{\\"time\\":\\"2024-05-01T10:00:03.020Z\\",\\"type\\":\\"platform.report\\",\\"record\\":{\\"requestId\\":\\"0b6f2e8c-5a1d-4c9e-8f3b-7e2a9d6c1b54\\",\\"status\\":\\"timeout\\"}}"}
             ]}
            """;

    @Test
    void shouldReadEveryEventWithGroupStreamFunctionAndRequestId() throws IOException {
        List<LogRecord> records = CloudWatchLogsPayload.parse(DATA.getBytes(StandardCharsets.UTF_8), "delivery-1");

        assertEquals(3, records.size());
        LogRecord timeout = records.get(1);
        assertEquals("lambda", timeout.source());
        assertEquals("/aws/lambda/populate_NLB_TG_with_ALB", timeout.logGroup());
        assertEquals("populate_NLB_TG_with_ALB", timeout.function());
        assertEquals("0b6f2e8c-5a1d-4c9e-8f3b-7e2a9d6c1b54", timeout.requestId());
        assertEquals("2024-05-01T10:00:03.010Z", timeout.ts());
        assertEquals("2024-05-01T10:00:03.010Z\t0b6f2e8c-5a1d-4c9e-8f3b-7e2a9d6c1b54\tTask timed out after 3.00 seconds", timeout.line());
        assertEquals("delivery-1", timeout.deliveryId());
        assertEquals("0b6f2e8c-5a1d-4c9e-8f3b-7e2a9d6c1b54", records.get(0).requestId());
        assertEquals("0b6f2e8c-5a1d-4c9e-8f3b-7e2a9d6c1b54", records.get(2).requestId(), "JSON platform event");
    }

    @Test
    void shouldReadTheGzipAndTheAwslogsEventOfASubscribedLambda() throws IOException {
        byte[] gzip = gzip(DATA.getBytes(StandardCharsets.UTF_8));
        String event = "{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(gzip) + "\"}}";

        assertEquals(3, CloudWatchLogsPayload.parse(gzip, "d").size());
        assertEquals(3, CloudWatchLogsPayload.parse(event.getBytes(StandardCharsets.UTF_8), "d").size());
    }

    @Test
    void shouldGiveNoLinesForAControlMessage() throws IOException {
        String control = "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\",\"logStream\":\"\","
                + "\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1714557600000,\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Firehose.\"}]}";

        assertEquals(List.of(), CloudWatchLogsPayload.parse(control.getBytes(StandardCharsets.UTF_8), "d"));
    }

    @Test
    void shouldRefuseADecompressionBomb() throws IOException {
        byte[] bomb = gzip(LambdaFixtures.bomb("/aws/lambda/f", "s", CloudWatchLogsPayload.MAX_INFLATED_BYTES));

        LimitExceeded e = assertThrows(LimitExceeded.class, () -> CloudWatchLogsPayload.parse(bomb, "d"));
        assertEquals(413, e.status());
        assertEquals("payload inflates past the limit of 8388608 bytes; refused as a decompression bomb", e.getMessage());
        // Zeros are refused at the first byte: streamed, the parser never inflates more than it reads.
        assertThrows(IOException.class, () -> CloudWatchLogsPayload.parse(gzip(new byte[CloudWatchLogsPayload.MAX_INFLATED_BYTES + 1]), "d"));
    }

    @Test
    void shouldNameWhatIsWrongWithAnotherShape() {
        assertEquals("not a CloudWatch Logs payload: messageType is '', not DATA_MESSAGE",
                assertThrows(IOException.class, () -> CloudWatchLogsPayload.parse("{\"records\":[]}".getBytes(StandardCharsets.UTF_8), "d")).getMessage());
    }

    @Test
    void shouldFindTheRequestIdOfTheSpaceSeparatedTimeoutLine() {
        assertEquals("7c9567b5-107b-4a6c-8798-0157ac21db52",
                LambdaLine.requestId("2020-06-09T15:02:26.150Z 7c9567b5-107b-4a6c-8798-0157ac21db52 Task timed out after 3.00 seconds"));
    }

    @Test
    void shouldFindNoRequestIdInAnOrdinaryLine() {
        assertNull(LambdaLine.requestId("connecting to db at 10.0.0.5"));
        assertNull(LambdaLine.requestId("{\"requestId\": 5"));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
