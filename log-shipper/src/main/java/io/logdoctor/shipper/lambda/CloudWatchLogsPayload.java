package io.logdoctor.shipper.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CloudWatch Logs subscription payload into {@code logs.raw} records: the
 * {@code DATA_MESSAGE} JSON itself, its gzip, or the {@code {"awslogs":{"data":"<base64 gzip>"}}}
 * event a subscribed Lambda receives. {@code CONTROL_MESSAGE}s (CloudWatch's reachability checks)
 * carry no log lines and give none.
 */
public final class CloudWatchLogsPayload {

    /**
     * Subscription payloads are about 1 MB at most (a PutLogEvents batch is at most 1,048,576 bytes of
     * events); JSON escaping can grow that, but more than this after gunzip is a bomb, not logs.
     */
    static final int MAX_INFLATED_BYTES = 8 * 1024 * 1024;

    private CloudWatchLogsPayload() {
    }

    /**
     * The log lines of one payload, each with its log group, stream, function and request id.
     *
     * @param deliveryId provenance for every record (a Firehose request id, or a file name)
     * @throws IOException when the payload is not one of the shapes above, naming what is wrong
     */
    public static List<LogRecord> parse(byte[] payload, String deliveryId) throws IOException {
        return parse(payload, deliveryId, RequestBudget.unbounded());
    }

    /**
     * {@link #parse(byte[], String)}, gunzipping as Jackson reads (nothing inflated is held but the
     * tree), at most {@link #MAX_INFLATED_BYTES}, each byte charged to {@code budget}.
     *
     * @throws LimitExceeded when the payload or the request passes a limit
     */
    static List<LogRecord> parse(byte[] payload, String deliveryId, RequestBudget budget) throws IOException {
        InputStream in = new ByteArrayInputStream(payload);
        JsonNode root = Json.MAPPER.readTree(budget.parsing(isGzip(payload) ? new GZIPInputStream(in) : in,
                MAX_INFLATED_BYTES, "payload"));
        if (root == null || !root.isObject()) {
            throw new IOException("not a CloudWatch Logs payload: expected a JSON object");
        }
        if (root.has("awslogs")) {
            byte[] data = Base64.getDecoder().decode(root.path("awslogs").path("data").asText(""));
            return parse(data, deliveryId, budget);
        }
        String type = root.path("messageType").asText("");
        if ("CONTROL_MESSAGE".equals(type)) {
            return List.of();
        }
        if (!"DATA_MESSAGE".equals(type)) {
            throw new IOException("not a CloudWatch Logs payload: messageType is '" + type + "', not DATA_MESSAGE");
        }
        String logGroup = root.path("logGroup").asText(null);
        String logStream = root.path("logStream").asText(null);
        List<LogRecord> records = new ArrayList<>();
        for (JsonNode event : root.path("logEvents")) {
            Long timestamp = event.has("timestamp") ? event.get("timestamp").asLong() : null;
            records.add(record(null, logGroup, logStream, timestamp, event.path("message").asText(""), deliveryId));
        }
        return records;
    }

    /**
     * One CloudWatch Logs event as a {@code logs.raw} record: the function from the log group, the request
     * id from the line (text or JSON format, {@link LambdaLine}); an EKS control-plane group's lines as
     * {@link EksControlPlane} says. The Firehose path (subscription payloads)
     * and the CloudWatch source (FilterLogEvents) both make their records here, so they agree.
     *
     * @param cluster    the cluster (account) label, or null to leave it to the producer
     * @param timestamp  the event's epoch milliseconds, or null if it has none
     * @param deliveryId provenance: a Firehose request id, or {@code cloudwatch:<logGroup>:<eventId>}
     */
    public static LogRecord record(String cluster, String logGroup, String logStream, Long timestamp, String message, String deliveryId) {
        String line = stripNewline(message == null ? "" : message);
        String ts = timestamp == null ? null : Instant.ofEpochMilli(timestamp).toString();
        if (EksControlPlane.clusterOf(logGroup) != null) {
            return EksControlPlane.record(logGroup, logStream, ts, line, deliveryId);
        }
        return new LogRecord(ts, LogRecord.SOURCE_LAMBDA, cluster, null, null, null, null, null, logGroup, logStream,
                LambdaLine.functionOf(logGroup), LambdaLine.requestId(line), line, null, null, deliveryId, null);
    }

    private static String stripNewline(String message) {
        return message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
    }

    private static boolean isGzip(byte[] data) {
        return data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
    }
}
