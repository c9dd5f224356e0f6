package io.logdoctor.notifier;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the notifier has delivered, rejected and abandoned, per destination kind, as Prometheus text. */
final class NotifierMetrics {

    private final Map<String, LongAdder> deliveries = new ConcurrentHashMap<>();

    void delivery(Destination destination, Retrier.Result result) {
        String kind = destination instanceof Destination.Slack ? "slack" : "pagerduty";
        deliveries.computeIfAbsent("destination=\"" + kind + "\",result=\"" + result.name().toLowerCase() + "\"",
                k -> new LongAdder()).increment();
    }

    String render(boolean running) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP logdoctor_notifier_deliveries_total Transitions sent (delivered), refused by the destination (rejected), "
                + "or dropped because the partition moved (aborted).\n");
        out.append("# TYPE logdoctor_notifier_deliveries_total counter\n");
        new TreeMap<>(deliveries).forEach((labels, n) ->
                out.append("logdoctor_notifier_deliveries_total{").append(labels).append("} ").append(n.sum()).append('\n'));
        out.append("# TYPE logdoctor_notifier_up gauge\nlogdoctor_notifier_up ").append(running ? 1 : 0).append('\n');
        return out.toString();
    }
}
