package io.logdoctor.shipper.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /telemetry?function=...&logGroup=...&logStream=...}: Lambda Telemetry API batches, as a
 * relay extension inside the function's execution environment forwards them (the Telemetry API only
 * delivers to listeners inside that environment). The body is the batch exactly as Lambda POSTed it,
 * optionally gzipped ({@code Content-Encoding: gzip}); {@link TelemetryStream} says how the stream is named.
 *
 * <p>200 only after Kafka has acknowledged every record of the batch; 400 for a malformed batch or a
 * missing stream name (nothing of it is produced); 413 over the size limit; 503 with {@code Retry-After}
 * when the receiver's in-flight memory budget is full; 500 when Kafka did not take every record, so the
 * relay retries, as Lambda itself retries a failed POST to its subscriber. When the receiver has a bearer
 * token, the relay must send it ({@code Authorization: Bearer ...}), else 401.
 */
final class TelemetryHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(TelemetryHandler.class);

    /** Optional: the relay's own id for the batch, kept as provenance; otherwise one is made up. */
    static final String DELIVERY_ID = "X-Logdoctor-Delivery-Id";

    private final int maxBodyBytes;
    private final long maxInflatedBytes;
    private final InflightBudget inflight;
    private final LambdaProducer producer;
    private final LambdaCounters counters;

    TelemetryHandler(LambdaConfig config, InflightBudget inflight, LambdaProducer producer, LambdaCounters counters) {
        this.maxBodyBytes = config.maxBodyBytes();
        this.maxInflatedBytes = config.maxInflatedBytes();
        this.inflight = inflight;
        this.producer = producer;
        this.counters = counters;
    }

    @Override
    public void handle(HttpExchange http) {
        LambdaExchange exchange = new LambdaExchange(http);
        counters.telemetryRequest();
        String deliveryId = exchange.header(DELIVERY_ID);
        deliveryId = deliveryId == null || deliveryId.isBlank() ? "telemetry-" + UUID.randomUUID() : deliveryId;
        try (RequestBudget budget = new RequestBudget(inflight, maxInflatedBytes)) {
            TelemetryBatch batch = read(exchange, deliveryId, budget);
            producer.produceAll(batch.records());
            counters.dropped(batch.dropped());
            log.debug("telemetry batch {}: {} records produced, {} events dropped", deliveryId, batch.records().size(), batch.dropped());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("deliveryId", deliveryId);
            answer.put("records", batch.records().size());
            answer.put("dropped", batch.dropped());
            exchange.respond(200, answer);
        } catch (LambdaHttpError e) {
            counters.refused(e.status());
            log.warn("telemetry batch {} refused with {}: {}", deliveryId, e.status(), e.getMessage());
            respond(exchange, e.status(), deliveryId, e.getMessage());
        } catch (KafkaException e) {
            log.warn("telemetry batch {}: Kafka did not acknowledge every record: {}", deliveryId, e.getMessage());
            respond(exchange, 500, deliveryId, "Kafka did not acknowledge every record; retry: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 503, deliveryId, "the receiver is shutting down; retry");
        } catch (IOException e) {
            log.warn("telemetry batch {}: connection failed: {}", deliveryId, e.toString());
        } catch (RuntimeException e) {
            log.error("telemetry batch {} failed", deliveryId, e);
            respond(exchange, 500, deliveryId, "internal error: " + e);
        } finally {
            exchange.close();
        }
    }

    private TelemetryBatch read(LambdaExchange exchange, String deliveryId, RequestBudget budget) throws LambdaHttpError, IOException {
        if (!"POST".equals(exchange.method())) {
            throw new LambdaHttpError(405, "use POST; was " + exchange.method());
        }
        TelemetryStream stream;
        try {
            stream = TelemetryStream.of(exchange.query(), exchange::header);
        } catch (IllegalArgumentException e) {
            throw LambdaHttpError.badRequest(e.getMessage());
        }
        InputStream json = exchange.json(maxBodyBytes, budget);
        try {
            return TelemetryBatch.parse(json, stream, deliveryId);
        } catch (LimitExceeded e) {
            throw e.toHttpError();
        } catch (IOException e) {
            throw LambdaHttpError.badRequest(e.getMessage());
        }
    }

    private static void respond(LambdaExchange exchange, int status, String deliveryId, String message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deliveryId", deliveryId);
        answer.put("errorMessage", message);
        try {
            exchange.respond(status, answer);
        } catch (IOException e) {
            log.debug("could not send the {} answer: {}", status, e.toString());
        }
    }
}
