package io.logdoctor.shipper.events;

import io.logdoctor.records.Json;

import java.io.IOException;
import java.util.Map;

/**
 * The Kubernetes Events source's checkpoint, committed in the same Kafka transaction as the records it covers.
 *
 * @param version         {@link #VERSION}
 * @param resourceVersion the resourceVersion the watch resumes from (the last event or list read), or null
 * @param shipped         uid to {count shipped, epoch second shipped} ({@link EventsShipped}), oldest first
 * @param savedAt         when it was staged (epoch second): how long the source was away, seen from the next start
 */
record EventsCheckpoint(int version, String resourceVersion, Map<String, long[]> shipped, long savedAt) {

    static final int VERSION = 1;

    static EventsCheckpoint parse(String key, byte[] json) {
        EventsCheckpoint c;
        try {
            c = Json.MAPPER.readValue(json, EventsCheckpoint.class);
        } catch (IOException e) {
            throw new IllegalStateException("checkpoint " + key + " is not valid: " + e.getMessage()
                    + "; delete the key from the offsets topic to start over from a fresh list", e);
        }
        if (c.version() != VERSION) {
            throw new IllegalStateException("checkpoint " + key + " has version " + c.version()
                    + "; this shipper reads version " + VERSION);
        }
        for (Map.Entry<String, long[]> e : c.shipped() == null ? Map.<String, long[]>of().entrySet() : c.shipped().entrySet()) {
            if (e.getValue() == null || e.getValue().length != 2) {
                throw new IllegalStateException("checkpoint " + key + ": shipped." + e.getKey()
                        + " must be [count, epochSecond]; delete the key from the offsets topic to start over");
            }
        }
        return c;
    }
}
