package io.logdoctor.shipper.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /firehose}: a Kinesis Data Firehose HTTP endpoint destination whose records are CloudWatch
 * Logs subscription payloads (a Lambda function's log group subscribed to the Firehose stream).
 *
 * <p>Answers as the protocol asks: 200 with {@code {"requestId", "timestamp"}} only after Kafka has
 * acknowledged every line of the request; otherwise the status and an {@code errorMessage}: 401 for a
 * missing or wrong {@code X-Amz-Firehose-Access-Key}, 400 for a body or record that is not what the
 * protocol says (nothing of it is produced), 413 for a body over the limit or one whose records
 * inflate past their limits (a permanent failure for Firehose, which does not retry it), 503 with
 * {@code Retry-After} when the receiver's in-flight memory budget is full (Firehose retries), 500 when Kafka did not take every record (Firehose retries with
 * the same request id; lines that did arrive then arrive twice: at least once).
 */
final class FirehoseHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(FirehoseHandler.class);

    static final String REQUEST_ID = "X-Amz-Firehose-Request-Id";
    static final String ACCESS_KEY = "X-Amz-Firehose-Access-Key";
    static final String PROTOCOL_VERSION = "X-Amz-Firehose-Protocol-Version";
    static final String SOURCE_ARN = "X-Amz-Firehose-Source-Arn";
    /** The protocol allows 8192 characters; a shorter message is kinder to Firehose's error log. */
    private static final int MAX_ERROR_MESSAGE = 2048;

    private final byte[] expectedKeyDigest;
    private final int maxBodyBytes;
    private final long maxInflatedBytes;
    private final InflightBudget inflight;
    private final LambdaProducer producer;
    private final LambdaCounters counters;
    private final Clock clock;

    FirehoseHandler(LambdaConfig config, InflightBudget inflight, LambdaProducer producer, LambdaCounters counters, Clock clock) {
        this.expectedKeyDigest = config.firehoseAccessKey() == null ? null : sha256(config.firehoseAccessKey());
        this.maxBodyBytes = config.maxBodyBytes();
        this.maxInflatedBytes = config.maxInflatedBytes();
        this.inflight = inflight;
        this.producer = producer;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange http) {
        LambdaExchange exchange = new LambdaExchange(http);
        counters.firehoseRequest();
        String requestId = exchange.header(REQUEST_ID);
        String source = exchange.header(SOURCE_ARN);
        try (RequestBudget budget = new RequestBudget(inflight, maxInflatedBytes)) {
            FirehoseRequest request = read(exchange, requestId, budget);
            requestId = request.requestId();
            FirehoseRequest.Lines lines;
            try {
                lines = request.lines(budget);
            } catch (LimitExceeded e) {
                throw e.toHttpError();
            } catch (IOException e) {
                throw LambdaHttpError.badRequest(e.getMessage());
            }
            produce(lines, requestId);
            // Counted once the request succeeded, so a retried request is not counted twice.
            counters.controlMessages(lines.controlMessages());
            counters.dropped(lines.emptyRecords());
            log.info("firehose request {} from {}: {} records, {} lines produced, {} control messages",
                    requestId, source, request.records().size(), lines.records().size(), lines.controlMessages());
            exchange.respond(200, answer(requestId, null));
        } catch (LambdaHttpError e) {
            counters.refused(e.status());
            log.warn("firehose request {} from {} refused with {}: {}", requestId, source, e.status(), e.getMessage());
            respond(exchange, e.status(), answer(requestId, e.getMessage()));
        } catch (IOException e) {
            log.warn("firehose request {} from {}: connection failed: {}", requestId, source, e.toString());
        } catch (RuntimeException e) {
            log.error("firehose request {} from {} failed", requestId, source, e);
            respond(exchange, 500, answer(requestId, "internal error: " + e));
        } finally {
            exchange.close();
        }
    }

    /** Checks the method, key and version before reading the body, so a stranger cannot make us buffer it. */
    private FirehoseRequest read(LambdaExchange exchange, String requestId, RequestBudget budget) throws LambdaHttpError, IOException {
        if (!"POST".equals(exchange.method())) {
            throw new LambdaHttpError(405, "use POST; was " + exchange.method());
        }
        if (expectedKeyDigest == null) {
            throw new LambdaHttpError(401, "this receiver has no Firehose access key configured; it accepts no deliveries");
        }
        String key = exchange.header(ACCESS_KEY);
        if (key == null) {
            throw new LambdaHttpError(401, ACCESS_KEY + " header is missing");
        }
        // Digests first: MessageDigest.isEqual is constant-time over equal lengths only, and hashing
        // hides the key's length as well as its bytes.
        if (!MessageDigest.isEqual(expectedKeyDigest, sha256(key))) {
            throw new LambdaHttpError(401, ACCESS_KEY + " is not the configured access key");
        }
        String version = exchange.header(PROTOCOL_VERSION);
        if (version != null && !version.trim().equals("1.0")) {
            throw LambdaHttpError.badRequest(PROTOCOL_VERSION + " '" + version + "' is not supported; this endpoint speaks 1.0");
        }
        InputStream json = exchange.json(maxBodyBytes, budget);
        try {
            return FirehoseRequest.parse(requestId, json, budget);
        } catch (LimitExceeded e) {
            throw e.toHttpError();
        } catch (IOException e) {
            throw LambdaHttpError.badRequest(e.getMessage());
        }
    }

    private void produce(FirehoseRequest.Lines lines, String requestId) throws LambdaHttpError {
        try {
            producer.produceAll(lines.records());
        } catch (KafkaException e) {
            throw new LambdaHttpError(500, "Kafka did not acknowledge every line of request " + requestId
                    + "; retry: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LambdaHttpError(503, "the receiver is shutting down; retry");
        }
    }

    private Map<String, Object> answer(String requestId, String errorMessage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId == null ? "" : requestId);
        body.put("timestamp", clock.millis());
        if (errorMessage != null) {
            body.put("errorMessage", errorMessage.length() > MAX_ERROR_MESSAGE
                    ? errorMessage.substring(0, MAX_ERROR_MESSAGE) : errorMessage);
        }
        return body;
    }

    private static void respond(LambdaExchange exchange, int status, Map<String, Object> body) {
        try {
            exchange.respond(status, body);
        } catch (IOException e) {
            log.debug("could not send the {} answer: {}", status, e.toString());
        }
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
