package io.logdoctor.shipper.events;

import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.logdoctor.records.LogRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/** How an {@code events.k8s.io/v1} Event becomes a {@code k8s-event} record on {@code logs.raw}. */
public final class KubeEventRecord {

    private KubeEventRecord() {
    }

    /**
     * The occurrence count: {@code series.count} for a series (the API server's deduplicated repeats, e.g.
     * BackOff), else the core/v1 count carried as {@code deprecatedCount}, else 1.
     */
    static long count(Event e) {
        if (e.getSeries() != null && e.getSeries().getCount() != null) {
            return e.getSeries().getCount();
        }
        return e.getDeprecatedCount() != null && e.getDeprecatedCount() > 0 ? e.getDeprecatedCount() : 1;
    }

    /**
     * When this occurrence happened: the series' last observation for a repeat (eventTime is the first one,
     * and a repeat shipped with it would look old), else eventTime, else the core/v1 lastTimestamp, else
     * when the object was created.
     */
    static String ts(Event e) {
        if (e.getSeries() != null && present(e.getSeries().getLastObservedTime())) {
            return e.getSeries().getLastObservedTime().getTime();
        }
        if (present(e.getEventTime())) {
            return e.getEventTime().getTime();
        }
        if (e.getDeprecatedLastTimestamp() != null && !e.getDeprecatedLastTimestamp().isEmpty()) {
            return e.getDeprecatedLastTimestamp();
        }
        return e.getMetadata() == null ? null : e.getMetadata().getCreationTimestamp();
    }

    private static boolean present(MicroTime t) {
        return t != null && t.getTime() != null && !t.getTime().isEmpty();
    }

    /** The record of event {@code e} of {@code cluster}, its involved object owned by {@code owner} (or null). */
    static LogRecord of(String cluster, Event e, String owner) {
        ObjectReference about = e.getRegarding();
        String kind = about == null ? null : about.getKind();
        String namespace = about != null && about.getNamespace() != null ? about.getNamespace() : e.getMetadata().getNamespace();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("reason", e.getReason());
        attributes.put("type", e.getType());
        if (about != null) {
            attributes.put("kind", kind);
            attributes.put("name", about.getName());
            attributes.put("uid", about.getUid());
        }
        attributes.put("owner", owner);
        String note = e.getNote() == null || e.getNote().isEmpty() ? e.getReason() : e.getNote();
        // A kubelet reports as its node (reportingInstance); other controllers are not on a node.
        String node = "kubelet".equals(e.getReportingController()) ? e.getReportingInstance() : null;
        return new LogRecord(ts(e), LogRecord.SOURCE_K8S_EVENT, cluster, node, namespace,
                "Pod".equals(kind) ? about.getName() : null, null, null, null, null, null, null, note, null, null,
                deliveryId(e), null, null, attributes);
    }

    /** The provenance of one occurrence: the event's uid and its count. */
    public static String deliveryId(Event e) {
        return "k8s-event:" + e.getMetadata().getUid() + ":" + count(e);
    }
}
