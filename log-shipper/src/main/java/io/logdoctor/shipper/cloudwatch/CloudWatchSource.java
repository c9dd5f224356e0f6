package io.logdoctor.shipper.cloudwatch;

import io.logdoctor.shipper.Source;
import io.logdoctor.shipper.SourceCheckpoints;
import io.logdoctor.shipper.lambda.CloudWatchLogsPayload;
import io.logdoctor.shipper.sink.LogSink;

import io.logdoctor.records.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.logdoctor.records.ServiceMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Tails CloudWatch Logs log groups (by name, or all under a prefix) with FilterLogEvents, inside the
 * shipper's rounds: {@code ShipperLoop} calls {@link #poll} to send a few pages of events through the
 * same {@link LogSink} as the files, {@link #stage} to add the log groups' new checkpoints to the same
 * unit of work, and {@link #committed} or {@link #rewind} after it. With the transactional sink the events
 * and the checkpoints that cover them are one Kafka transaction, like the file offsets.
 *
 * <p>A round makes at most {@link #CALLS_PER_ROUND} calls, one page each, so the files are not kept
 * waiting. A throttled or failed call pauses every call for a backoff that doubles (the FilterLogEvents
 * quota is per account and region); the events are asked for again, never skipped. A log group found
 * deleted is dropped with its checkpoint (a tombstone in the same transaction), and the others go on.
 */
public final class CloudWatchSource implements Source {

    /** The key namespace of log group checkpoints in the offsets topic, after {@code <cluster>/<node>/}. */
    static final String KEY_PREFIX = "cloudwatch/";
    /** API calls per shipper round: bounds how long one round keeps the files waiting. */
    static final int CALLS_PER_ROUND = 4;
    private static final Logger log = LoggerFactory.getLogger(CloudWatchSource.class);

    private final CloudWatchConfig config;
    private final LogsApi api;
    private final String cluster;
    private final CloudWatchMetrics metrics = new CloudWatchMetrics();
    private final Map<String, LogGroupTail> tails = new TreeMap<>();
    /** Log groups gone whose committed checkpoints the next commit deletes. */
    private final Set<String> tombstones = new LinkedHashSet<>();
    private Map<String, GroupCheckpoint> restored = Map.of();
    private Instant nextDiscovery = Instant.MIN;
    private Instant pausedUntil = Instant.MIN;
    private Duration backoff = Duration.ZERO;
    private int rotation;

    public CloudWatchSource(CloudWatchConfig config, LogsApi api, String cluster) {
        this.config = config;
        this.api = api;
        this.cluster = cluster;
    }

    public CloudWatchMetrics metrics() {
        return metrics;
    }

    @Override
    public String keyPrefix() {
        return KEY_PREFIX;
    }

    @Override
    public void bindMetrics(ServiceMetrics registry, Clock clock) {
        metrics.bindTo(registry, clock);
    }

    /** Takes the committed checkpoints (the sink's {@code restoredSources()}); the tails restart from them. */
    @Override
    public void restore(Map<String, byte[]> sources) {
        Map<String, GroupCheckpoint> found = new HashMap<>();
        sources.forEach((key, value) -> {
            if (key.startsWith(KEY_PREFIX)) {
                found.put(key.substring(KEY_PREFIX.length()),
                        SourceCheckpoints.read(key, value, GroupCheckpoint.class, GroupCheckpoint::version, GroupCheckpoint.VERSION));
            }
        });
        restored = found;
        tails.clear();
        nextDiscovery = Instant.MIN;
        log.info("restored {} CloudWatch log group checkpoints", found.size());
    }

    /**
     * Lists the log groups when due, then reads one page each from up to {@link #CALLS_PER_ROUND} log
     * groups that are due, and sends their new events.
     *
     * @return true if a log group has more pages now, so the next round should not wait
     * @throws LogSink.SinkFailedException if the sink failed (the caller aborts and calls {@link #rewind})
     */
    @Override
    public boolean poll(LogSink sink, Instant now) {
        if (now.isBefore(pausedUntil) || !now.isBefore(nextDiscovery) && !discover(now)) {
            return false;
        }
        List<LogGroupTail> order = new ArrayList<>(tails.values());
        int calls = 0;
        for (int i = 0; i < order.size() && calls < CALLS_PER_ROUND; i++) {
            LogGroupTail tail = order.get((rotation + i) % order.size());
            if (!tail.due(now)) {
                continue;
            }
            LogGroupTail.Query q = tail.next(now, config.latency(), config.interval());
            if (q == null) {
                continue;
            }
            calls++;
            LogsApi.EventPage page;
            try {
                metrics.call(CloudWatchMetrics.FILTER, q.logGroup());
                page = api.filter(q.logGroup(), q.startTime(), q.endTime(), q.nextToken());
            } catch (LogsApi.Failure f) {
                if (!failed(f, CloudWatchMetrics.FILTER, tail, now)) {
                    return false;
                }
                continue;
            }
            backoff = Duration.ZERO;
            for (LogsApi.Event e : tail.accept(page, now, config.interval())) {
                LogRecord record = CloudWatchLogsPayload.record(cluster, q.logGroup(), e.logStream(), e.timestamp(), e.message(),
                        "cloudwatch:" + q.logGroup() + ":" + e.id()).withCheckedTs(now);
                if (record.tsInvalid() != null) {
                    metrics.tsReplaced();
                }
                sink.send(record);
            }
        }
        rotation = order.isEmpty() ? 0 : (rotation + 1) % order.size();
        return tails.values().stream().anyMatch(LogGroupTail::paging);
    }

    /** Handles a failed call; returns true if the round may go on with other log groups. */
    private boolean failed(LogsApi.Failure f, String api, LogGroupTail tail, Instant now) {
        String group = tail == null ? null : tail.logGroup();
        switch (f.kind()) {
            case NOT_FOUND -> {
                metrics.deleted(group);
                drop(tail.logGroup());
                log.warn("log group {} is gone ({}); dropped it and its checkpoint", group, f.getMessage());
                return true;
            }
            case REFUSED -> {
                metrics.error(api, group);
                Duration wait = config.interval().compareTo(config.maxBackoff()) > 0 ? config.interval() : config.maxBackoff();
                if (tail != null) {
                    tail.retryAt(now.plus(wait));
                } else {
                    nextDiscovery = now.plus(wait);
                }
                log.warn("{} {} refused ({}); asking again in {} s", api, group == null ? "" : group, f.getMessage(), wait.toSeconds());
                return true;
            }
            default -> {
                if (f.kind() == LogsApi.Kind.THROTTLED) {
                    metrics.throttled(api, group);
                } else {
                    metrics.error(api, group);
                }
                backoff = backoff.isZero() ? config.minBackoff()
                        : backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff.multipliedBy(2);
                pausedUntil = now.plus(backoff);
                log.warn("{} {} {} ({}); every CloudWatch call waits {} ms", api, group == null ? "" : group,
                        f.kind() == LogsApi.Kind.THROTTLED ? "throttled" : "failed", f.getMessage(), backoff.toMillis());
                return false;
            }
        }
    }

    /** Lists the configured log groups; false if a call failed (the known groups stay as they are). */
    private boolean discover(Instant now) {
        Set<String> found = new LinkedHashSet<>();
        try {
            if (!config.prefix().isEmpty()) {
                found.addAll(list(config.prefix()));
            }
            for (String name : config.logGroups()) {
                if (list(name).contains(name)) {
                    found.add(name);
                }
            }
        } catch (LogsApi.Failure f) {
            failed(f, CloudWatchMetrics.DESCRIBE, null, now);
            return false;
        }
        nextDiscovery = now.plus(config.discoveryInterval());
        for (String group : List.copyOf(tails.keySet())) {
            if (!found.contains(group)) {
                metrics.deleted(group);
                drop(group);
                log.info("log group {} is no longer listed; dropped it and its checkpoint", group);
            }
        }
        for (String group : found) {
            if (!tails.containsKey(group)) {
                GroupCheckpoint start = GroupCheckpoint.startingAt(group, now.minus(config.lookback()).toEpochMilli());
                GroupCheckpoint committed = restored.remove(group);
                tombstones.remove(group);
                tails.put(group, new LogGroupTail(group, committed, start));
                log.info("tailing log group {} from {}", group, committed != null
                        ? "its checkpoint at " + Instant.ofEpochMilli(committed.timestamp()) : Instant.ofEpochMilli(start.timestamp()));
            }
        }
        // Checkpoints of log groups that no longer exist (or are no longer configured) are deleted.
        tombstones.addAll(restored.keySet());
        restored = new HashMap<>();
        metrics.groups(tails.size());
        return true;
    }

    private List<String> list(String prefix) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            metrics.call(CloudWatchMetrics.DESCRIBE, null);
            LogsApi.GroupPage page;
            try {
                page = api.describe(prefix, token);
            } catch (LogsApi.Failure f) {
                if (f.kind() == LogsApi.Kind.NOT_FOUND) {
                    return names;
                }
                throw f;
            }
            names.addAll(page.names());
            token = page.nextToken();
        } while (token != null);
        return names;
    }

    private void drop(String group) {
        LogGroupTail tail = tails.remove(group);
        if (tail != null && tail.hasCommitted()) {
            tombstones.add(group);
        }
        metrics.groups(tails.size());
    }

    /** Adds the changed log group checkpoints and the tombstones of deleted groups to the unit of work. */
    @Override
    public void stage(LogSink sink) {
        for (LogGroupTail tail : tails.values()) {
            if (tail.changed()) {
                sink.sendCheckpoint(KEY_PREFIX + tail.logGroup(), tail.cursor());
            }
        }
        for (String group : tombstones) {
            sink.sendCheckpoint(KEY_PREFIX + group, null);
        }
    }

    /** The unit of work of the last {@link #stage} was committed. */
    @Override
    public void committed() {
        for (LogGroupTail tail : tails.values()) {
            metrics.committed(tail.logGroup(), tail.committed(), tail.committedReadTo());
        }
        tombstones.clear();
    }

    /** The unit of work was aborted: every log group asks again from its committed checkpoint. */
    @Override
    public void rewind(Instant now) {
        tails.values().forEach(t -> t.rewind(now));
    }

    @Override
    public void close() {
        api.close();
    }
}
