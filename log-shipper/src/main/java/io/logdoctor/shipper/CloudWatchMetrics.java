package io.logdoctor.shipper;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The CloudWatch source's counters, in the Prometheus text format, served on the shipper's
 * {@code /metrics}: API calls, throttled and failed calls by API and log group, events committed and lag
 * by log group, log groups deleted. The shipper's loop writes; any thread may render.
 */
final class CloudWatchMetrics {

    static final String FILTER = "FilterLogEvents";
    static final String DESCRIBE = "DescribeLogGroups";

    private final Map<String, LongAdder> calls = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> throttles = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> events = new ConcurrentSkipListMap<>();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder tsReplaced = new LongAdder();
    private final Map<String, Long> readToMillis = new ConcurrentHashMap<>();
    private volatile int groups;

    void call(String api, String logGroup) {
        count(calls, api, logGroup);
    }

    void throttled(String api, String logGroup) {
        count(throttles, api, logGroup);
    }

    void error(String api, String logGroup) {
        count(errors, api, logGroup);
    }

    void deleted(String logGroup) {
        deleted.increment();
        readToMillis.remove(logGroup);
        events.remove(labels(FILTER, logGroup));
    }

    /** {@code n} events of {@code logGroup} were committed, and with them all its events up to {@code readTo}. */
    void committed(String logGroup, long n, long readTo) {
        if (n > 0) {
            events.computeIfAbsent(labels(FILTER, logGroup), k -> new LongAdder()).add(n);
        }
        readToMillis.put(logGroup, readTo);
    }

    /** An event whose timestamp was out of range went with the receive time instead. */
    void tsReplaced() {
        tsReplaced.increment();
    }

    long tsReplacedCount() {
        return tsReplaced.sum();
    }

    void groups(int n) {
        groups = n;
    }

    long throttles() {
        return sum(throttles);
    }

    long errors() {
        return sum(errors);
    }

    long deletedGroups() {
        return deleted.sum();
    }

    long events() {
        return sum(events);
    }

    /** The Prometheus text of every CloudWatch metric; {@code nowMillis} measures the lag. */
    String render(long nowMillis) {
        StringBuilder out = new StringBuilder(512);
        header(out, "logdoctor_shipper_cloudwatch_log_groups", "gauge", "Log groups tailed now.");
        out.append("logdoctor_shipper_cloudwatch_log_groups ").append(groups).append('\n');
        labelled(out, "logdoctor_shipper_cloudwatch_calls_total", "CloudWatch Logs API calls made.", calls);
        labelled(out, "logdoctor_shipper_cloudwatch_throttles_total",
                "Calls answered ThrottlingException or LimitExceededException (then every call waits).", throttles);
        labelled(out, "logdoctor_shipper_cloudwatch_errors_total", "Calls failed otherwise (5xx, I/O, refused).", errors);
        labelled(out, "logdoctor_shipper_cloudwatch_events_total", "Events committed to logs.raw.", events);
        header(out, "logdoctor_shipper_cloudwatch_log_groups_deleted_total", "counter",
                "Log groups found deleted; their checkpoints were dropped.");
        out.append("logdoctor_shipper_cloudwatch_log_groups_deleted_total ").append(deleted.sum()).append('\n');
        header(out, "logdoctor_shipper_cloudwatch_ts_replaced_total", "counter",
                "Events whose timestamp was out of range (Timestamps); sent with the receive time and tsInvalid.");
        out.append("logdoctor_shipper_cloudwatch_ts_replaced_total ").append(tsReplaced.sum()).append('\n');
        header(out, "logdoctor_shipper_cloudwatch_lag_seconds", "gauge",
                "Seconds between now and the time up to which every event of the group is committed.");
        readToMillis.forEach((group, ts) -> out.append("logdoctor_shipper_cloudwatch_lag_seconds{log_group=\"")
                .append(escape(group)).append("\"} ").append(Math.max(0, nowMillis - ts) / 1000.0).append('\n'));
        return out.toString();
    }

    private static void count(Map<String, LongAdder> counters, String api, String logGroup) {
        counters.computeIfAbsent(labels(api, logGroup), k -> new LongAdder()).increment();
    }

    private static String labels(String api, String logGroup) {
        return "api=\"" + api + "\"" + (logGroup == null ? "" : ",log_group=\"" + escape(logGroup) + "\"");
    }

    private static long sum(Map<String, LongAdder> counters) {
        return counters.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static void labelled(StringBuilder out, String name, String help, Map<String, LongAdder> counters) {
        header(out, name, "counter", help);
        counters.forEach((labels, n) -> out.append(name).append('{').append(labels).append("} ").append(n.sum()).append('\n'));
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
