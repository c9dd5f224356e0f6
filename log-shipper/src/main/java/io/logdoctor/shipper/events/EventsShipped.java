package io.logdoctor.shipper.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which Kubernetes Events were shipped, by uid, with the occurrence count shipped last: what lets a relist
 * (after 410 Gone, or a watch that starts with every current event as ADDED) skip what was already shipped
 * and ship an event again only when its count grew. Kept in the checkpoint, so it is as durable as the records.
 *
 * <p>Bounded: an entry older than {@code remember} goes (the API server has deleted the event by then, after
 * its {@code --event-ttl}), and beyond {@code max} entries the oldest shipped goes first.
 */
final class EventsShipped {

    /** uid to {count, epoch second shipped}, oldest shipped first. */
    private final LinkedHashMap<String, long[]> entries;
    private final Duration remember;
    private final int max;

    EventsShipped(Map<String, long[]> entries, Duration remember, int max) {
        this.entries = new LinkedHashMap<>();
        entries.forEach((uid, e) -> this.entries.put(uid, new long[] {e[0], e[1]}));
        this.remember = remember;
        this.max = max;
    }

    /** True if an occurrence {@code count} of event {@code uid} was not shipped yet (new, or its count grew). */
    boolean isNew(String uid, long count) {
        long[] e = entries.get(uid);
        return e == null || count > e[0];
    }

    /** Remembers that occurrence {@code count} of {@code uid} was shipped at {@code now}, then trims. */
    void shipped(String uid, long count, Instant now) {
        entries.remove(uid); // re-inserted last: the order is by time shipped
        entries.put(uid, new long[] {count, now.getEpochSecond()});
        trim(now);
    }

    /** Drops the entries past the age and count bounds; returns how many went. */
    int trim(Instant now) {
        long oldest = now.minus(remember).getEpochSecond();
        int dropped = 0;
        Iterator<long[]> it = entries.values().iterator();
        while (it.hasNext()) {
            long[] e = it.next();
            if (entries.size() <= max && e[1] >= oldest) {
                break;
            }
            it.remove();
            dropped++;
        }
        return dropped;
    }

    int size() {
        return entries.size();
    }

    EventsShipped copy() {
        return new EventsShipped(entries, remember, max);
    }

    /** The entries as the checkpoint writes them (a copy). */
    Map<String, long[]> entries() {
        Map<String, long[]> copy = new LinkedHashMap<>();
        entries.forEach((uid, e) -> copy.put(uid, new long[] {e[0], e[1]}));
        return copy;
    }
}
