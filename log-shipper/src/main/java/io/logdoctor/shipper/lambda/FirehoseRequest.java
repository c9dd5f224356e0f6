package io.logdoctor.shipper.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The body of a Kinesis Data Firehose HTTP endpoint delivery request, protocol version 1.0:
 * {@code {"requestId": "...", "timestamp": <ms>, "records": [{"data": "<base64>"}, ...]}}, and the
 * {@code logs.raw} lines of its records, each a CloudWatch Logs subscription payload.
 *
 * <p>Everything is decoded and parsed before anything is produced, so a request refused as malformed
 * leaves nothing behind in Kafka.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/httpdeliveryrequestresponse.html">HTTP
 *      endpoint delivery request and response specifications</a>
 */
record FirehoseRequest(String requestId, long timestamp, List<byte[]> records) {

    /** The lines of a request and what its records held besides lines. */
    record Lines(List<LogRecord> records, int controlMessages, int emptyRecords) {
    }

    FirehoseRequest {
        records = List.copyOf(records);
    }

    /**
     * Reads a request body.
     *
     * @param headerRequestId the {@code X-Amz-Firehose-Request-Id} header, or null when absent
     * @throws IOException naming the first thing that is not as the protocol says
     */
    static FirehoseRequest parse(String headerRequestId, byte[] body) throws IOException {
        return parse(headerRequestId, new ByteArrayInputStream(body), RequestBudget.unbounded());
    }

    /**
     * Reads a request body from its JSON text, charging the decoded records to {@code budget}.
     *
     * @throws LimitExceeded when a bound of {@code budget} is passed
     * @throws IOException   naming the first thing that is not as the protocol says
     */
    static FirehoseRequest parse(String headerRequestId, InputStream json, RequestBudget budget) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException("body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IOException("body must be a JSON object with requestId and records; got "
                    + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType()));
        }
        JsonNode id = root.get("requestId");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            throw new IOException("requestId must be a non-empty string; was " + id);
        }
        String requestId = id.asText();
        if (headerRequestId != null && !headerRequestId.equals(requestId)) {
            throw new IOException("X-Amz-Firehose-Request-Id '" + headerRequestId + "' does not match the body's requestId '"
                    + requestId + "'");
        }
        JsonNode timestamp = root.path("timestamp");
        JsonNode records = root.get("records");
        if (records == null || !records.isArray()) {
            throw new IOException("records must be an array; was " + (records == null ? "missing" : records.getNodeType()));
        }
        List<byte[]> data = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode value = records.get(i).get("data");
            if (value == null || !value.isTextual()) {
                throw new IOException("records[" + i + "].data must be a base64 string; was "
                        + (value == null ? "missing" : value.getNodeType()));
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(value.asText());
            } catch (IllegalArgumentException e) {
                throw new IOException("records[" + i + "].data is not valid base64: " + e.getMessage());
            }
            budget.held(decoded.length);
            data.add(decoded);
        }
        return new FirehoseRequest(requestId, timestamp.canConvertToLong() ? timestamp.asLong() : 0L, data);
    }

    /**
     * The log lines of every record, each with its log group, stream, function, request id, and this
     * request's id as {@code deliveryId}. A record that is a CloudWatch Logs {@code CONTROL_MESSAGE}
     * gives no lines; an empty record (Firehose permits them) is skipped.
     *
     * @throws IOException naming the first record that is not a CloudWatch Logs payload
     */
    Lines lines() throws IOException {
        return lines(RequestBudget.unbounded());
    }

    /**
     * {@link #lines()}, each record's payload inflated as it is parsed and charged to {@code budget}.
     *
     * @throws LimitExceeded naming the record that passed a bound: one that inflates past
     *                       {@link CloudWatchLogsPayload#MAX_INFLATED_BYTES}, or the request's limits
     */
    Lines lines(RequestBudget budget) throws IOException {
        List<LogRecord> lines = new ArrayList<>();
        int control = 0;
        int empty = 0;
        for (int i = 0; i < records.size(); i++) {
            byte[] data = records.get(i);
            if (data.length == 0) {
                empty++;
                continue;
            }
            List<LogRecord> parsed;
            try {
                parsed = CloudWatchLogsPayload.parse(data, requestId, budget);
            } catch (LimitExceeded e) {
                throw new LimitExceeded(e.status(), "records[" + i + "]: " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                // RuntimeException: the awslogs shape's inner base64 is decoded with an unchecked error.
                throw new IOException("records[" + i + "] is not a CloudWatch Logs subscription payload: " + e.getMessage(), e);
            }
            if (parsed.isEmpty()) {
                control++; // CONTROL_MESSAGE: CloudWatch Logs checking that the destination is reachable
            }
            lines.addAll(parsed);
        }
        return new Lines(lines, control, empty);
    }
}
