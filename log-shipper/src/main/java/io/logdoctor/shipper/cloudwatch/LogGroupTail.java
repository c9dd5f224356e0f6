package io.logdoctor.shipper.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One log group followed with FilterLogEvents: the checkpoint last committed, the one reached so far
 * ({@link #cursor}), and the query in progress. A query asks for everything from the cursor's timestamp
 * to now (less the latency allowance) and is paged by {@code nextToken}; a page at a time is handed out,
 * so a round of the shipper makes one call per log group at most. After a failed transaction the tail goes
 * back to its committed checkpoint and asks again: the pages it read since are read once more.
 */
final class LogGroupTail {

    /** One FilterLogEvents call to make. */
    record Query(String logGroup, long startTime, long endTime, String nextToken) {
    }

    private final String logGroup;
    /** Where to start if nothing is committed yet (the configured start position). */
    private final GroupCheckpoint initial;
    private GroupCheckpoint committed;
    private GroupCheckpoint cursor;
    /** The cursor when the query in progress started: the ids seen at its start time are not new. */
    private GroupCheckpoint queryBase;
    private long queryEnd;
    private String token;
    private Instant nextPoll = Instant.MIN;
    private long uncommittedEvents;
    /** Everything up to this time (epoch ms) was read, and committed: what the lag is measured from. */
    private long readTo;
    private long committedReadTo;

    /** A tail resuming from {@code committed}, or starting at {@code initial} when that is null. */
    LogGroupTail(String logGroup, GroupCheckpoint committed, GroupCheckpoint initial) {
        this.logGroup = logGroup;
        this.initial = initial;
        this.committed = committed;
        this.cursor = committed != null ? committed : initial;
        this.readTo = cursor.timestamp();
        this.committedReadTo = readTo;
    }

    /** The time up to which every event of the group is committed (the end of the last query read through). */
    long committedReadTo() {
        return committedReadTo;
    }

    String logGroup() {
        return logGroup;
    }

    GroupCheckpoint cursor() {
        return cursor;
    }

    /** True if this tail's last committed checkpoint exists in the offsets topic. */
    boolean hasCommitted() {
        return committed != null;
    }

    /** True if the cursor moved since the last commit (or was never committed), so it must be written. */
    boolean changed() {
        return !cursor.equals(committed);
    }

    boolean due(Instant now) {
        return !now.isBefore(nextPoll);
    }

    /** True while a query has more pages: the next round should not wait. */
    boolean paging() {
        return token != null;
    }

    /**
     * The call to make now, or null when the time range is still empty (the cursor is within the latency
     * allowance of now); then the tail waits for the next interval.
     */
    Query next(Instant now, Duration latency, Duration interval) {
        if (token != null) {
            return new Query(logGroup, queryBase.timestamp(), queryEnd, token);
        }
        long end = now.toEpochMilli() - latency.toMillis();
        if (end < cursor.timestamp()) {
            nextPoll = now.plus(interval);
            return null;
        }
        queryBase = cursor;
        queryEnd = end;
        return new Query(logGroup, cursor.timestamp(), end, null);
    }

    /**
     * Takes one page of the current query: returns its events not shipped yet and moves the cursor past
     * them. The last page ends the query, and the tail waits {@code interval} before the next one.
     */
    List<LogsApi.Event> accept(LogsApi.EventPage page, Instant now, Duration interval) {
        List<LogsApi.Event> fresh = new ArrayList<>(page.events().size());
        for (LogsApi.Event e : page.events()) {
            // One query never returns an event twice; only its first millisecond can hold events an
            // earlier query already shipped.
            if (!queryBase.shipped(e.timestamp(), e.id())) {
                fresh.add(e);
                cursor = cursor.after(e.timestamp(), e.id());
            }
        }
        uncommittedEvents += fresh.size();
        token = page.nextToken();
        nextPoll = token != null ? now : now.plus(interval);
        if (token == null) {
            readTo = queryEnd;
        }
        return fresh;
    }

    /** Waits until {@code when} before the next call (a refused call: access denied, bad parameter). */
    void retryAt(Instant when) {
        nextPoll = when;
    }

    /** The cursor is committed: returns how many events that made durable. */
    long committed() {
        committed = cursor;
        committedReadTo = readTo;
        long n = uncommittedEvents;
        uncommittedEvents = 0;
        return n;
    }

    /** The transaction was aborted: ask again from the committed checkpoint, now. */
    void rewind(Instant now) {
        cursor = committed != null ? committed : initial;
        readTo = committedReadTo;
        token = null;
        queryBase = null;
        uncommittedEvents = 0;
        nextPoll = now;
    }
}
