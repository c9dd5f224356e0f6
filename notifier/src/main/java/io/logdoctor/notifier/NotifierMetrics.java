package io.logdoctor.notifier;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the notifier has delivered, rejected and abandoned, per destination kind, as Prometheus text. */
final class NotifierMetrics {

    private final Map<String, LongAdder> deliveries = new ConcurrentHashMap<>();

    void delivery(Destination destination, Retrier.Result result) {
        deliveries.computeIfAbsent("destination=\"" + destination.kind() + "\",result=\"" + result.name().toLowerCase() + "\"",
                k -> new LongAdder()).increment();
    }

    String render(boolean running, boolean blocked, List<DestinationQueue> queues) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP logdoctor_notifier_deliveries_total Transitions sent (delivered), refused by the destination (rejected), "
                + "or dropped because the partition moved (aborted).\n");
        out.append("# TYPE logdoctor_notifier_deliveries_total counter\n");
        new TreeMap<>(deliveries).forEach((labels, n) ->
                out.append("logdoctor_notifier_deliveries_total{").append(labels).append("} ").append(n.sum()).append('\n'));
        out.append("# TYPE logdoctor_notifier_up gauge\nlogdoctor_notifier_up ").append(running ? 1 : 0).append('\n');
        out.append("# HELP logdoctor_notifier_destination_failing 1 while a destination keeps failing (retries in a row past the stuck threshold).\n");
        out.append("# TYPE logdoctor_notifier_destination_failing gauge\n");
        queues.forEach(q -> out.append("logdoctor_notifier_destination_failing{destination=\"").append(q.destination())
                .append("\"} ").append(q.health().failing() ? 1 : 0).append('\n'));
        out.append("# HELP logdoctor_notifier_destination_queued Transitions waiting for a destination.\n");
        out.append("# TYPE logdoctor_notifier_destination_queued gauge\n");
        queues.forEach(q -> out.append("logdoctor_notifier_destination_queued{destination=\"").append(q.destination())
                .append("\"} ").append(q.size()).append('\n'));
        out.append("# HELP logdoctor_notifier_reading_paused 1 while reading is paused because a destination's queue is full.\n");
        out.append("# TYPE logdoctor_notifier_reading_paused gauge\nlogdoctor_notifier_reading_paused ").append(blocked ? 1 : 0).append('\n');
        return out.toString();
    }
}
