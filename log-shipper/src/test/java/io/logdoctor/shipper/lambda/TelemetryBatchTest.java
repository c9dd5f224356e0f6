package io.logdoctor.shipper.lambda;

import static io.logdoctor.shipper.lambda.LambdaFixtures.REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdoctor.records.LogRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryBatchTest {

    private static final TelemetryStream STREAM = new TelemetryStream("checkout",
            "/aws/lambda/checkout", "2024/05/01/[$LATEST]0123456789abcdef0123456789abcdef");

    @Test
    void shouldKeepLogLinesAndInvocationOutcomesAndDropTheRest() throws IOException {
        TelemetryBatch batch = TelemetryBatch.parse(LambdaFixtures.telemetryBatch(), STREAM, "t-1");

        List<String> lines = batch.records().stream().map(LogRecord::line).toList();
        assertEquals(5, lines.size(), lines.toString());
        assertEquals(1, batch.dropped(), "platform.start");
        assertEquals("2024-05-01T10:00:00.120Z\t" + REQUEST + "\tINFO\tregistering 3 targets", lines.get(0));
        assertTrue(lines.get(1).startsWith("{") && lines.get(1).contains("\"message\":\"upstream answered 502\""), lines.get(1));
        assertEquals("[relay] forwarded 3 events", lines.get(2));
        assertTrue(lines.get(3).startsWith("{\"time\":\"2024-05-01T10:00:03.005Z\",\"type\":\"platform.runtimeDone\",\"record\":{"), lines.get(3));
        assertTrue(lines.get(3).contains("\"status\":\"timeout\""), lines.get(3));
        assertTrue(lines.get(4).contains("\"type\":\"platform.report\""), lines.get(4));
    }

    @Test
    void shouldPutTheStreamTheTimeAndTheRequestIdOnEveryRecord() throws IOException {
        List<LogRecord> records = TelemetryBatch.parse(LambdaFixtures.telemetryBatch(), STREAM, "t-2").records();

        for (LogRecord r : records) {
            assertEquals("lambda", r.source());
            assertEquals("checkout", r.function());
            assertEquals("/aws/lambda/checkout", r.logGroup());
            assertEquals(STREAM.logStream(), r.logStream());
            assertEquals("t-2", r.deliveryId());
        }
        assertEquals(Arrays.asList(REQUEST, REQUEST, null, REQUEST, REQUEST),
                records.stream().map(LogRecord::requestId).toList(), "text, JSON, extension, runtimeDone, report");
        assertEquals("2024-05-01T10:00:03.012Z", records.get(4).ts());
    }

    @Test
    void shouldDropEventTypesItDoesNotKnow() throws IOException {
        byte[] body = LambdaFixtures.json(List.of(
                LambdaFixtures.event("2024-05-01T10:00:00Z", "platform.restoreStart", Map.of()),
                LambdaFixtures.event("2024-05-01T10:00:00Z", "platform.somethingNew", Map.of())));

        assertEquals(new TelemetryBatch(List.of(), 2), TelemetryBatch.parse(body, STREAM, "t"));
    }

    @Test
    void shouldNameWhatIsWrongWithAMalformedBatch() {
        assertEquals("batch must be a JSON array of Telemetry API events; got OBJECT", message("{\"type\":\"function\"}"));
        assertEquals("batch must be a JSON array of Telemetry API events; got nothing", message(""));
        assertEquals("event 1 must be a JSON object; got STRING", message("[{\"type\":\"platform.start\"}, \"x\"]"));
        assertEquals("event 0 has no \"type\" string; was null", message("[{\"time\":\"t\",\"record\":\"x\"}]"));
        assertEquals("event 0 (function): \"record\" must be a string (text log format) or an object (JSON log format); was NUMBER",
                message("[{\"time\":\"t\",\"type\":\"function\",\"record\":5}]"));
        assertTrue(message("[{\"type\":").startsWith("batch is not JSON: "));
    }

    private static String message(String body) {
        return assertThrows(IOException.class,
                () -> TelemetryBatch.parse(body.getBytes(StandardCharsets.UTF_8), STREAM, "t")).getMessage();
    }
}
