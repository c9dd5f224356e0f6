package io.logdoctor.shipper.lambda;

import io.logdoctor.records.ServiceMetrics;
import io.micrometer.core.instrument.Tags;

import java.util.concurrent.atomic.LongAdder;
import java.util.Map;

/**
 * What a {@link LambdaReceiver} has done since it started, for {@code /metrics}. Every drop and every
 * refused request is counted here as well as logged, so nothing is lost silently.
 */
public final class LambdaCounters {

    private final LongAdder firehoseRequests = new LongAdder();
    private final LongAdder telemetryRequests = new LongAdder();
    private final LongAdder tsReplaced = new LongAdder();
    private final LongAdder recordsProduced = new LongAdder();
    private final LongAdder controlMessages = new LongAdder();
    private final LongAdder droppedEvents = new LongAdder();
    private final LongAdder badRequests = new LongAdder();
    private final LongAdder unauthorized = new LongAdder();
    private final LongAdder tooLarge = new LongAdder();
    private final LongAdder kafkaErrors = new LongAdder();

    LambdaCounters() {
    }

    /** Requests received on {@code /firehose}, whatever their outcome. */
    public long firehoseRequests() {
        return firehoseRequests.sum();
    }

    /** Requests received on {@code /telemetry}, whatever their outcome. */
    public long telemetryRequests() {
        return telemetryRequests.sum();
    }

    /** {@code logs.raw} records Kafka has acknowledged. */
    public long recordsProduced() {
        return recordsProduced.sum();
    }

    /** Firehose records that carried no log lines (CloudWatch Logs' {@code CONTROL_MESSAGE} health checks). */
    public long controlMessages() {
        return controlMessages.sum();
    }

    /**
     * Events received but deliberately not produced: Telemetry API platform events other than
     * {@code platform.report}, {@code platform.runtimeDone} and {@code platform.logsDropped}, events of an
     * unknown type, and empty Firehose records.
     */
    public long droppedEvents() {
        return droppedEvents.sum();
    }

    /** Requests refused as malformed (400) or with a wrong method (405); nothing of them was produced. */
    public long badRequests() {
        return badRequests.sum();
    }

    /** Firehose requests refused for a missing or wrong access key (401). */
    public long unauthorized() {
        return unauthorized.sum();
    }

    /** Requests refused as too large (413), on the wire or after decompression. */
    public long tooLarge() {
        return tooLarge.sum();
    }

    /** Requests answered 500 because Kafka did not acknowledge every record; the sender retries them. */
    public long kafkaErrors() {
        return kafkaErrors.sum();
    }

    void firehoseRequest() {
        firehoseRequests.increment();
    }

    void telemetryRequest() {
        telemetryRequests.increment();
    }

    void produced(long records) {
        recordsProduced.add(records);
    }

    void controlMessages(long messages) {
        controlMessages.add(messages);
    }

    void dropped(long events) {
        droppedEvents.add(events);
    }

    /** Records whose time was out of range and replaced by the receive time. */
    void tsReplaced(long records) {
        tsReplaced.add(records);
    }

    public long tsReplaced() {
        return tsReplaced.sum();
    }

    void kafkaError() {
        kafkaErrors.increment();
    }

    /** Counts a refused request by its status code. */
    void refused(int status) {
        switch (status) {
            case 401, 403 -> unauthorized.increment();
            case 413 -> tooLarge.increment();
            case 500, 503 -> { } // counted where the cause is known (kafkaError)
            default -> badRequests.increment();
        }
    }

    @Override
    public String toString() {
        return "LambdaCounters[firehoseRequests=" + firehoseRequests() + ", telemetryRequests=" + telemetryRequests()
                + ", recordsProduced=" + recordsProduced() + ", controlMessages=" + controlMessages()
                + ", droppedEvents=" + droppedEvents() + ", badRequests=" + badRequests()
                + ", unauthorized=" + unauthorized() + ", tooLarge=" + tooLarge() + ", kafkaErrors=" + kafkaErrors() + "]";
    }

    /** Serves the counters from {@code metrics} (the shipper's {@code /metrics}). */
    void bindTo(ServiceMetrics metrics) {
        counter(metrics, "logdoctor_lambda_requests_total", "Requests received, by endpoint, whatever their outcome.",
                Tags.of("endpoint", "firehose"), firehoseRequests);
        counter(metrics, "logdoctor_lambda_requests_total", "Requests received, by endpoint, whatever their outcome.",
                Tags.of("endpoint", "telemetry"), telemetryRequests);
        counter(metrics, "logdoctor_lambda_records_produced_total", "logs.raw records Kafka has acknowledged.", Tags.empty(),
                recordsProduced);
        counter(metrics, "logdoctor_lambda_control_messages_total", "Firehose records that carried no log lines "
                + "(CloudWatch Logs' CONTROL_MESSAGE health checks).", Tags.empty(), controlMessages);
        counter(metrics, "logdoctor_lambda_dropped_events_total", "Events received but deliberately not produced "
                + "(platform events other than report, runtimeDone and logsDropped; empty Firehose records).", Tags.empty(),
                droppedEvents);
        for (var reason : Map.of("bad_request", badRequests, "unauthorized", unauthorized, "too_large", tooLarge)
                .entrySet()) {
            counter(metrics, "logdoctor_lambda_refused_total", REFUSED_HELP, Tags.of("reason", reason.getKey()), reason.getValue());
        }
        counter(metrics, "logdoctor_lambda_kafka_errors_total", "Requests answered 500 because Kafka did not acknowledge "
                + "every record; the sender retries them.", Tags.empty(), kafkaErrors);
        counter(metrics, "logdoctor_lambda_ts_replaced_total", "Records whose time was out of range and replaced by the "
                + "receive time.", Tags.empty(), tsReplaced);
    }

    /** The help of logdoctor_lambda_refused_total, which the receiver's memory budget also counts into. */
    static final String REFUSED_HELP = "Requests refused, by reason: bad_request (400, 405), unauthorized (401, 403), "
            + "too_large (413), memory_budget (503, the in-flight budget is used up).";

    private static void counter(ServiceMetrics metrics, String name, String help, Tags tags, LongAdder n) {
        metrics.counter(name, help, tags, n, LongAdder::sum);
    }
}
