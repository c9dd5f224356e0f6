package io.logdoctor.shipper.cloudwatch;

import io.logdoctor.records.ServiceMetrics;
import io.micrometer.core.instrument.Tags;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The CloudWatch source's counters, served on the shipper's {@code /metrics} once {@link #bindTo bound}: API
 * calls, throttled and failed calls by API and log group, events committed and lag by log group, log groups
 * deleted. The log group label is bounded by the configured groups or prefix, and a deleted group's series
 * go with it. The shipper's loop writes; any thread may read.
 */
public final class CloudWatchMetrics {

    static final String FILTER = "FilterLogEvents";
    static final String DESCRIBE = "DescribeLogGroups";

    private static final String CALLS = "logdoctor_shipper_cloudwatch_calls_total";
    private static final String THROTTLES = "logdoctor_shipper_cloudwatch_throttles_total";
    private static final String ERRORS = "logdoctor_shipper_cloudwatch_errors_total";
    private static final String EVENTS = "logdoctor_shipper_cloudwatch_events_total";
    private static final String LAG = "logdoctor_shipper_cloudwatch_lag_seconds";
    private static final Map<String, String> HELP = Map.of(
            CALLS, "CloudWatch Logs API calls made.",
            THROTTLES, "Calls answered ThrottlingException or LimitExceededException (then every call waits).",
            ERRORS, "Calls failed otherwise (5xx, I/O, refused).",
            EVENTS, "Events committed to logs.raw.",
            LAG, "Seconds between now and the time up to which every event of the group is committed.");

    /** One series: an API and a log group (null for calls about no group). */
    private record Key(String api, String logGroup) {
        Tags tags() {
            return logGroup == null ? Tags.of("api", api) : Tags.of("api", api, "log_group", logGroup);
        }
    }

    private final Map<Key, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<Key, LongAdder> throttles = new ConcurrentHashMap<>();
    private final Map<Key, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<Key, LongAdder> events = new ConcurrentHashMap<>();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder tsReplaced = new LongAdder();
    private final Map<String, Long> readToMillis = new ConcurrentHashMap<>();
    private volatile int groups;
    private volatile ServiceMetrics registry;
    private volatile Clock clock = Clock.systemUTC();

    /** Serves these metrics from {@code registry}, measuring lag with {@code clock}. */
    public synchronized void bindTo(ServiceMetrics registry, Clock clock) {
        this.clock = clock;
        this.registry = registry;
        registry.gauge("logdoctor_shipper_cloudwatch_log_groups", "Log groups tailed now.", Tags.empty(), () -> groups);
        registry.counter("logdoctor_shipper_cloudwatch_log_groups_deleted_total",
                "Log groups found deleted; their checkpoints were dropped.", Tags.empty(), deleted, LongAdder::sum);
        registry.counter("logdoctor_shipper_cloudwatch_ts_replaced_total",
                "Events whose timestamp was out of range (Timestamps); sent with the receive time and tsInvalid.",
                Tags.empty(), tsReplaced, LongAdder::sum);
        Map.of(CALLS, calls, THROTTLES, throttles, ERRORS, errors, EVENTS, events)
                .forEach((name, series) -> series.forEach((key, n) -> counter(name, key, n)));
        readToMillis.keySet().forEach(this::lagGauge);
    }

    void call(String api, String logGroup) {
        count(CALLS, calls, new Key(api, logGroup)).increment();
    }

    void throttled(String api, String logGroup) {
        count(THROTTLES, throttles, new Key(api, logGroup)).increment();
    }

    void error(String api, String logGroup) {
        count(ERRORS, errors, new Key(api, logGroup)).increment();
    }

    void deleted(String logGroup) {
        deleted.increment();
        readToMillis.remove(logGroup);
        events.remove(new Key(FILTER, logGroup));
        ServiceMetrics r = registry;
        if (r != null) {
            r.registry().find(EVENTS).tags(new Key(FILTER, logGroup).tags()).meters().forEach(r::remove);
            r.registry().find(LAG).tag("log_group", logGroup).meters().forEach(r::remove);
        }
    }

    /** {@code n} events of {@code logGroup} were committed, and with them all its events up to {@code readTo}. */
    void committed(String logGroup, long n, long readTo) {
        if (n > 0) {
            count(EVENTS, events, new Key(FILTER, logGroup)).add(n);
        }
        if (readToMillis.put(logGroup, readTo) == null) {
            lagGauge(logGroup);
        }
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

    public long throttles() {
        return sum(throttles);
    }

    public long errors() {
        return sum(errors);
    }

    public long deletedGroups() {
        return deleted.sum();
    }

    public long events() {
        return sum(events);
    }

    private LongAdder count(String name, Map<Key, LongAdder> series, Key key) {
        return series.computeIfAbsent(key, k -> {
            LongAdder n = new LongAdder();
            counter(name, k, n);
            return n;
        });
    }

    private void counter(String name, Key key, LongAdder n) {
        ServiceMetrics r = registry;
        if (r != null) {
            r.counter(name, HELP.get(name), key.tags(), n, LongAdder::sum);
        }
    }

    private void lagGauge(String logGroup) {
        ServiceMetrics r = registry;
        if (r != null) {
            r.gauge(LAG, HELP.get(LAG), Tags.of("log_group", logGroup), () -> {
                Long readTo = readToMillis.get(logGroup);
                return readTo == null ? 0.0 : Math.max(0, clock.millis() - readTo) / 1000.0;
            });
        }
    }

    private static long sum(Map<Key, LongAdder> counters) {
        return counters.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
