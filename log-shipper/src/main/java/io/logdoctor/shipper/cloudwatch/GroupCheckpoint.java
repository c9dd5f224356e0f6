package io.logdoctor.shipper.cloudwatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How far one CloudWatch Logs log group has been shipped, exactly. FilterLogEvents returns events sorted
 * by timestamp, and is asked for everything from {@link #timestamp} on (its {@code startTime} is
 * inclusive), so every event before it was shipped; at {@code timestamp} itself several events may share
 * the millisecond, across pages and polls, and {@link #ids} names those already shipped. A resume then
 * neither repeats nor skips one.
 *
 * @param version   the format version ({@value #VERSION}), so a later shipper can refuse or migrate
 * @param logGroup  the log group (the key says it too; this is for people reading the topic)
 * @param timestamp the newest event timestamp shipped, or the start position when none was shipped yet
 * @param ids       the event ids shipped with exactly {@code timestamp}, sorted
 */
record GroupCheckpoint(int version, String logGroup, long timestamp, List<String> ids) {

    static final int VERSION = 1;

    GroupCheckpoint {
        Objects.requireNonNull(logGroup, "logGroup");
        ids = ids == null ? List.of() : List.copyOf(new TreeSet<>(ids));
    }

    /** A log group with nothing shipped yet, starting at {@code timestamp}. */
    static GroupCheckpoint startingAt(String logGroup, long timestamp) {
        return new GroupCheckpoint(VERSION, logGroup, timestamp, List.of());
    }

    /** True if the event was shipped before this checkpoint. */
    boolean shipped(long eventTimestamp, String eventId) {
        return eventTimestamp < timestamp || eventTimestamp == timestamp && ids.contains(eventId);
    }

    /**
     * The checkpoint after also shipping this event. An older event (which a sorted answer never gives)
     * leaves it as it is: the checkpoint never moves back, so nothing newer is shipped twice.
     */
    GroupCheckpoint after(long eventTimestamp, String eventId) {
        if (eventTimestamp > timestamp) {
            return new GroupCheckpoint(VERSION, logGroup, eventTimestamp, List.of(eventId));
        }
        if (eventTimestamp < timestamp || ids.contains(eventId)) {
            return this;
        }
        List<String> more = new ArrayList<>(ids);
        more.add(eventId);
        return new GroupCheckpoint(VERSION, logGroup, timestamp, more);
    }
}
