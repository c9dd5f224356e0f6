package io.logdoctor.shipper.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One Lambda Telemetry API batch, the JSON array of events the API POSTs to a subscriber
 * ({@code [{"time": "...", "type": "...", "record": ...}, ...]}), read into {@code logs.raw} records.
 *
 * <ul>
 *   <li>{@code function} and {@code extension} events are log lines: the record is the line itself in
 *       the text log format, a JSON object in the JSON log format (kept as compact JSON, as CloudWatch
 *       would store it).</li>
 *   <li>{@code platform.report}, {@code platform.runtimeDone} and {@code platform.logsDropped} are kept
 *       with the whole event as the line, the shape of the JSON log format's platform lines, so the
 *       signatures that look for {@code "type":"platform.report" ... "status":"timeout"} match.</li>
 *   <li>Other platform events (start, init, extension, subscription) and types this code does not know
 *       yet are dropped and counted.</li>
 * </ul>
 *
 * <p>The whole batch is checked before anything is produced, so a malformed batch leaves nothing in Kafka.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html">Telemetry API
 *      Event schema reference</a>
 */
record TelemetryBatch(List<LogRecord> records, int dropped) {

    /** Platform events worth a record: the invocation's outcome and Lambda saying it lost lines. */
    static final Set<String> KEPT_PLATFORM_EVENTS = Set.of("platform.report", "platform.runtimeDone", "platform.logsDropped");

    TelemetryBatch {
        records = List.copyOf(records);
    }

    /**
     * Reads a batch.
     *
     * @param deliveryId provenance put on every record
     * @throws IOException naming the first event that is not as the schema says
     */
    static TelemetryBatch parse(byte[] body, TelemetryStream stream, String deliveryId) throws IOException {
        return parse(new ByteArrayInputStream(body), stream, deliveryId);
    }

    /**
     * Reads a batch from its JSON text.
     *
     * @throws LimitExceeded when the stream (charged by the caller) passes a bound
     * @throws IOException   naming the first event that is not as the schema says
     */
    static TelemetryBatch parse(InputStream json, TelemetryStream stream, String deliveryId) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException("batch is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new IOException("batch must be a JSON array of Telemetry API events; got "
                    + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType()));
        }
        List<LogRecord> records = new ArrayList<>();
        int dropped = 0;
        for (int i = 0; i < root.size(); i++) {
            JsonNode event = root.get(i);
            String line = line(event, i);
            if (line == null) {
                dropped++;
                continue;
            }
            String ts = event.path("time").isTextual() ? event.get("time").asText() : null;
            records.add(new LogRecord(ts, LogRecord.SOURCE_LAMBDA, null, null, null, null, null, null,
                    stream.logGroup(), stream.logStream(), stream.function(), LambdaLine.requestId(line), line,
                    null, null, deliveryId, null));
        }
        return new TelemetryBatch(records, dropped);
    }

    /** The line an event gives, or null for an event that is dropped. */
    private static String line(JsonNode event, int index) throws IOException {
        if (!event.isObject()) {
            throw new IOException("event " + index + " must be a JSON object; got " + event.getNodeType());
        }
        JsonNode type = event.get("type");
        if (type == null || !type.isTextual()) {
            throw new IOException("event " + index + " has no \"type\" string; was " + type);
        }
        String name = type.asText();
        if (name.equals("function") || name.equals("extension")) {
            JsonNode record = event.get("record");
            if (record != null && record.isTextual()) {
                return stripNewline(record.asText());
            }
            if (record != null && record.isObject()) {
                return Json.MAPPER.writeValueAsString(record);
            }
            throw new IOException("event " + index + " (" + name + "): \"record\" must be a string (text log format)"
                    + " or an object (JSON log format); was " + (record == null ? "missing" : record.getNodeType()));
        }
        if (KEPT_PLATFORM_EVENTS.contains(name)) {
            return Json.MAPPER.writeValueAsString(event);
        }
        return null;
    }

    private static String stripNewline(String line) {
        return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }
}
