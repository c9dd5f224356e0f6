package io.logdoctor.shipper.events;

import io.logdoctor.shipper.Source;
import io.logdoctor.shipper.sink.LogSink;

import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.logdoctor.records.ServiceMetrics;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Kubernetes Events ({@code events.k8s.io/v1}) as a source: a list, then a watch from the list's
 * resourceVersion, read in the shipper's rounds. The checkpoint ({@link EventsCheckpoint}: the resourceVersion
 * to resume from and the uids shipped with their counts) is staged in the same Kafka transaction as the
 * records, so a restart resumes the watch where the committed records end.
 *
 * <p>An event is shipped when it is new or its count grew (a BackOff repeating is a new occurrence); a
 * re-delivery with the same count is not. That same rule makes a relist safe: on 410 Gone (the resourceVersion
 * is older than the API server keeps), the source lists every event again, ships only the unshipped ones and
 * watches from the list's resourceVersion. Events deleted by the API server's TTL (1 h by default) while
 * nobody watched are gone; a relist cannot see them ({@link #gaps} counts the 410s that may have hidden some).
 */
public final class EventsSource implements Source {

    /** The key namespace of the events checkpoint in the offsets topic, after {@code <cluster>/<node>/}. */
    static final String KEY_PREFIX = "events/";
    /** Watch callbacks taken per round: bounds one transaction. */
    static final int PER_ROUND = 2_000;
    private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** kube-apiserver's default {@code --event-ttl}. */
    private static final Duration API_SERVER_TTL = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(EventsSource.class);

    private final EventsConfig config;
    private final KubeEventsApi api;
    private final String cluster;
    private final String key;
    private final EventsWatch watch;
    private final KubeOwners owners;
    private final LongAdder shippedCount = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private final LongAdder relists = new LongAdder();
    private final LongAdder gone = new LongAdder();
    private final LongAdder longAbsences = new LongAdder();
    private String resourceVersion;
    private EventsShipped shipped;
    private String committedVersion;
    private EventsShipped committedShipped;
    private boolean changed;
    private boolean startDue = true;
    private boolean relistDue;
    private Instant pausedUntil = Instant.MIN;
    private Duration backoff = Duration.ZERO;
    /** The last API failure, until a round reads again: what /readyz says. Written by the loop, read by HTTP threads. */
    private volatile String problem;

    public EventsSource(EventsConfig config, KubeEventsApi api, String cluster) {
        this.config = config;
        this.api = api;
        this.cluster = cluster;
        this.key = KEY_PREFIX + (config.namespace() == null ? "all" : config.namespace());
        this.watch = new EventsWatch(api);
        this.owners = new KubeOwners(api);
        this.shipped = new EventsShipped(Map.of(), config.remember(), config.maxRemember());
        this.committedShipped = shipped.copy();
    }

    @Override
    public String keyPrefix() {
        return KEY_PREFIX;
    }

    @Override
    public void restore(Map<String, byte[]> committed) {
        byte[] json = committed.get(key);
        EventsCheckpoint c = json == null ? null : EventsCheckpoint.parse(key, json);
        committedVersion = c == null ? null : c.resourceVersion();
        committedShipped = new EventsShipped(c == null || c.shipped() == null ? Map.of() : c.shipped(), config.remember(),
                config.maxRemember());
        rewind(Instant.MIN);
        long away = c == null ? 0 : Instant.now().getEpochSecond() - c.savedAt();
        if (away > API_SERVER_TTL.toSeconds()) {
            longAbsences.increment();
            log.warn("Kubernetes Events: the last checkpoint is {} min old, more than the API server's default event TTL (1 h): "
                    + "events created and deleted meanwhile were never seen", away / 60);
        }
        log.info("Kubernetes Events: {}", c == null ? "no checkpoint, starting from a list"
                : "resuming the watch from resourceVersion " + committedVersion + " (" + committedShipped.size() + " uids remembered)");
    }

    @Override
    public boolean poll(LogSink sink, Instant now) {
        if (now.isBefore(pausedUntil)) {
            return false;
        }
        try {
            if (startDue || relistDue) {
                if (relistDue || resourceVersion == null) {
                    relist(sink, now);
                }
                watch.start(resourceVersion);
                startDue = false;
                relistDue = false;
            }
            problem = null;
            for (EventsWatch.Item item : watch.take(PER_ROUND)) {
                if (item.ended()) {
                    ended(item);
                    break;
                }
                take(sink, item, now);
            }
        } catch (KubernetesClientException e) {
            // Unreachable, refused: try again later from where the committed records end (what was sent stays in the unit of work).
            backoff = backoff.isZero() ? MIN_BACKOFF : backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            pausedUntil = now.plus(backoff);
            startDue = true;
            watch.stop();
            problem = "the Kubernetes API failed: " + e.getMessage().strip();
            log.warn("Kubernetes Events: API call failed ({}{}); trying again in {} ms", e.getMessage().strip(),
                    e.getCause() == null ? "" : ": " + e.getCause(), backoff.toMillis());
            return false;
        }
        return watch.pending();
    }

    private void take(LogSink sink, EventsWatch.Item item, Instant now) {
        Event e = item.event();
        if (e.getMetadata() != null && e.getMetadata().getResourceVersion() != null) {
            resourceVersion = e.getMetadata().getResourceVersion();
            changed = true;
        }
        if (item.action() == Watcher.Action.ADDED
                || item.action() == Watcher.Action.MODIFIED) {
            offer(sink, e, now);
        }
        backoff = Duration.ZERO;
    }

    /** The watch ended: 410 Gone means relist; any other end, watch again from where we are. */
    private void ended(EventsWatch.Item item) {
        if (item.closed() != null && item.closed().isHttpGone()) {
            gone.increment();
            relistDue = true;
            log.warn("Kubernetes Events: resourceVersion {} is too old (410 Gone); listing again, events deleted by the "
                    + "API server meanwhile are not seen", resourceVersion);
        } else {
            startDue = true;
            log.info("Kubernetes Events: the watch ended ({}); watching again from resourceVersion {}",
                    item.closed() == null ? "closed" : item.closed().getMessage(), resourceVersion);
        }
    }

    /** Lists every event, ships the ones not shipped yet, and moves to the list's resourceVersion. */
    private void relist(LogSink sink, Instant now) {
        relists.increment();
        String token = null;
        String listVersion = null;
        int seen = 0;
        do {
            KubeEventsApi.Page page = api.list(token);
            if (listVersion == null) {
                listVersion = page.resourceVersion(); // the first page's: the snapshot the later pages continue
            }
            for (Event e : page.items()) {
                offer(sink, e, now);
                seen++;
            }
            token = page.continueToken();
        } while (token != null);
        resourceVersion = listVersion;
        changed = true;
        log.info("Kubernetes Events: listed {} events at resourceVersion {}", seen, listVersion);
    }

    /** Ships {@code e} if it is a new occurrence (and of a shipped type). */
    private void offer(LogSink sink, Event e, Instant now) {
        String uid = e.getMetadata() == null ? null : e.getMetadata().getUid();
        if (uid == null) {
            return;
        }
        if (!config.allTypes() && !"Warning".equals(e.getType())) {
            filtered.increment(); // not remembered either: the memory holds what was shipped
            return;
        }
        long count = KubeEventRecord.count(e);
        if (!shipped.isNew(uid, count)) {
            skipped.increment();
            return;
        }
        shipped.shipped(uid, count, now);
        changed = true;
        String owner = e.getRegarding() == null ? null
                : owners.owner(e.getRegarding().getKind(), e.getRegarding().getNamespace(), e.getRegarding().getName());
        sink.send(KubeEventRecord.of(cluster, e, owner).withCheckedTs(now));
        shippedCount.increment();
    }

    @Override
    public void stage(LogSink sink) {
        if (changed) {
            sink.sendCheckpoint(key, new EventsCheckpoint(EventsCheckpoint.VERSION, resourceVersion, shipped.entries(),
                    Instant.now().getEpochSecond()));
        }
    }

    @Override
    public void committed() {
        if (changed) {
            committedVersion = resourceVersion;
            committedShipped = shipped.copy();
            changed = false;
        }
    }

    /** Forgets what was not committed and watches again from the committed resourceVersion. */
    @Override
    public void rewind(Instant now) {
        watch.stop();
        resourceVersion = committedVersion;
        shipped = committedShipped.copy();
        changed = false;
        startDue = true;
        relistDue = false;
    }

    /** The 410 Gone answers: each is a window in which events the API server deleted may never have been seen. */
    public long gaps() {
        return gone.sum();
    }

    public long shipped() {
        return shippedCount.sum();
    }

    @Override
    public void bindMetrics(ServiceMetrics registry, Clock clock) {
        registry.counter("logdoctor_shipper_events_shipped_total", "Kubernetes Events shipped (new, or their count grew).",
                Tags.empty(), shippedCount, LongAdder::sum);
        registry.counter("logdoctor_shipper_events_skipped_total", "Kubernetes Events seen again with a count already shipped.",
                Tags.empty(), skipped, LongAdder::sum);
        registry.counter("logdoctor_shipper_events_filtered_total", "Kubernetes Events not shipped for their type (Normal).",
                Tags.empty(), filtered, LongAdder::sum);
        registry.counter("logdoctor_shipper_events_relists_total", "Lists of every Kubernetes Event (start without checkpoint, 410 Gone).",
                Tags.empty(), relists, LongAdder::sum);
        registry.counter("logdoctor_shipper_events_gone_total", "Watches answered 410 Gone: events deleted by the API "
                + "server's TTL meanwhile may be missing.", Tags.empty(), gone, LongAdder::sum);
        registry.counter("logdoctor_shipper_events_long_absences_total", "Starts from a checkpoint older than the API "
                + "server's 1 h event TTL: events created and deleted meanwhile were never seen.", Tags.empty(), longAbsences, LongAdder::sum);
        registry.gauge("logdoctor_shipper_events_queued", "Watch callbacks waiting for the shipper's thread.", Tags.empty(),
                watch::queued);
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public void close() {
        watch.close();
        api.close();
    }
}
