package io.logdoctor.notifier;

import io.logdoctor.records.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * What the notifier has delivered, rejected and abandoned, per destination kind, and each destination's queue
 * and health, in its {@link ServiceMetrics}. Labels: destination kinds and names come from the routes file.
 */
final class NotifierMetrics {

    private static final String DELIVERIES = "logdoctor_notifier_deliveries_total";

    private final ServiceMetrics registry;
    private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();

    /** Counts kept for a test: no JVM or process metrics. */
    NotifierMetrics() {
        this(ServiceMetrics.bare());
    }

    NotifierMetrics(ServiceMetrics registry) {
        this.registry = registry;
    }

    void delivery(Destination destination, Retrier.Result result) {
        counter(destination.kind(), result).increment();
    }

    private Counter counter(String kind, Retrier.Result result) {
        String outcome = result.name().toLowerCase(Locale.ROOT);
        return deliveries.computeIfAbsent(kind + "/" + outcome, k -> Counter.builder(DELIVERIES)
                .description("Transitions sent (delivered), refused by the destination (rejected), or dropped because "
                        + "the partition moved (aborted).")
                .tags("destination", kind, "result", outcome).register(registry.registry()));
    }

    /** The gauges of the running notifier: whether it runs and reads, and each destination's queue and health. */
    void bind(BooleanSupplier running, BooleanSupplier blocked, List<DestinationQueue> queues) {
        registry.gauge("logdoctor_notifier_up", "1 while the notifier's consumer thread runs.", Tags.empty(),
                () -> running.getAsBoolean() ? 1 : 0);
        registry.gauge("logdoctor_notifier_reading_paused", "1 while reading is paused because a destination's queue is full.",
                Tags.empty(), () -> blocked.getAsBoolean() ? 1 : 0);
        for (DestinationQueue q : queues) {
            Tags destination = Tags.of("destination", q.destination().toString());
            registry.gauge("logdoctor_notifier_destination_failing", "1 while a destination keeps failing (retries in a row "
                    + "past the stuck threshold).", destination, () -> q.health().failing() ? 1 : 0);
            registry.gauge("logdoctor_notifier_destination_queued", "Transitions waiting for a destination.", destination, q::size);
            for (Retrier.Result result : Retrier.Result.values()) {
                counter(q.destination().kind(), result); // every series from the start, at 0
            }
        }
    }

    ServiceMetrics registry() {
        return registry;
    }

    /** Every metric as Prometheus text. */
    String render() {
        return registry.scrape();
    }
}
