package io.logdoctor.shipper.cloudwatch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log group checkpoint and one log group's paging: equal timestamps, ids seen, page boundaries, rewind. */
class GroupCheckpointTest {

    private static final String GROUP = "/aws/lambda/orders";
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void shouldCountEverythingBeforeTheTimestampAndOnlyTheNamedIdsAtIt() {
        GroupCheckpoint c = GroupCheckpoint.startingAt(GROUP, 100).after(100, "a").after(100, "b");

        assertTrue(c.shipped(99, "z"));
        assertTrue(c.shipped(100, "a"));
        assertTrue(c.shipped(100, "b"));
        assertFalse(c.shipped(100, "c"), "same millisecond, not seen yet");
        assertFalse(c.shipped(101, "a"));
    }

    @Test
    void shouldForgetTheIdsOfOlderMillisecondsWhenTheTimestampMovesOn() {
        GroupCheckpoint c = GroupCheckpoint.startingAt(GROUP, 100).after(100, "a").after(105, "b").after(105, "c");

        assertEquals(105, c.timestamp());
        assertEquals(List.of("b", "c"), c.ids());
    }

    @Test
    void shouldNeverMoveBackOrRepeatAnId() {
        GroupCheckpoint c = GroupCheckpoint.startingAt(GROUP, 100).after(105, "b");

        assertEquals(c, c.after(104, "x"));
        assertEquals(c, c.after(105, "b"));
    }

    @Test
    void shouldShipEachEventOnceWhenEqualTimestampsStraddleAPageBoundary() {
        LogGroupTail tail = new LogGroupTail(GROUP, null, GroupCheckpoint.startingAt(GROUP, 100));
        LogGroupTail.Query first = tail.next(NOW, Duration.ZERO, INTERVAL);

        List<LogsApi.Event> one = tail.accept(page("p2", ev("a", 100), ev("b", 101), ev("c", 101)), NOW, INTERVAL);
        LogGroupTail.Query second = tail.next(NOW, Duration.ZERO, INTERVAL);
        List<LogsApi.Event> two = tail.accept(page(null, ev("d", 101), ev("e", 102)), NOW, INTERVAL);

        assertEquals(100, first.startTime());
        assertNull(first.nextToken());
        assertEquals("p2", second.nextToken());
        assertEquals(first.startTime(), second.startTime(), "a token continues the same query");
        assertEquals(first.endTime(), second.endTime());
        assertEquals(List.of("a", "b", "c"), ids(one));
        assertEquals(List.of("d", "e"), ids(two));
        assertEquals(GroupCheckpoint.startingAt(GROUP, 102).after(102, "e"), tail.cursor());
        assertFalse(tail.due(NOW), "read to the end: waits for the interval");
        assertTrue(tail.due(NOW.plus(INTERVAL)));
    }

    @Test
    void shouldSkipTheIdsAlreadyShippedAtTheStartOfTheNextPoll() {
        GroupCheckpoint committed = GroupCheckpoint.startingAt(GROUP, 200).after(200, "a").after(200, "b");
        LogGroupTail tail = new LogGroupTail(GROUP, committed, GroupCheckpoint.startingAt(GROUP, 0));

        LogGroupTail.Query q = tail.next(NOW, Duration.ZERO, INTERVAL);
        List<LogsApi.Event> fresh = tail.accept(page(null, ev("a", 200), ev("b", 200), ev("c", 200), ev("d", 201)), NOW, INTERVAL);

        assertEquals(200, q.startTime(), "startTime is inclusive: the millisecond of the checkpoint is asked again");
        assertEquals(List.of("c", "d"), ids(fresh));
        assertTrue(tail.changed());
        assertEquals(2, tail.committed());
        assertFalse(tail.changed());
    }

    @Test
    void shouldAskAgainFromTheCommittedCheckpointAfterARewind() {
        LogGroupTail tail = new LogGroupTail(GROUP, null, GroupCheckpoint.startingAt(GROUP, 100));
        tail.next(NOW, Duration.ZERO, INTERVAL);
        tail.accept(page("p2", ev("a", 100), ev("b", 100)), NOW, INTERVAL);
        tail.committed();
        tail.next(NOW, Duration.ZERO, INTERVAL);
        tail.accept(page("p3", ev("c", 100), ev("d", 150)), NOW, INTERVAL); // this transaction is aborted

        tail.rewind(NOW);
        LogGroupTail.Query again = tail.next(NOW, Duration.ZERO, INTERVAL);
        List<LogsApi.Event> fresh = tail.accept(page(null, ev("a", 100), ev("b", 100), ev("c", 100), ev("d", 150)), NOW, INTERVAL);

        assertNull(again.nextToken(), "a token of the aborted pages is not reused");
        assertEquals(100, again.startTime());
        assertEquals(List.of("c", "d"), ids(fresh));
    }

    @Test
    void shouldNotCallWhileTheWindowIsWithinTheLatencyAllowance() {
        LogGroupTail tail = new LogGroupTail(GROUP, null, GroupCheckpoint.startingAt(GROUP, NOW.toEpochMilli()));

        assertNull(tail.next(NOW, Duration.ofSeconds(5), INTERVAL));
        assertFalse(tail.due(NOW.plusSeconds(1)));
        LogGroupTail.Query later = tail.next(NOW.plus(INTERVAL), Duration.ofSeconds(5), INTERVAL);
        assertEquals(NOW.plus(INTERVAL).minusSeconds(5).toEpochMilli(), later.endTime());
    }

    @Test
    void shouldParseStartPositions() {
        assertEquals(Duration.ZERO, CloudWatchConfig.parseStart("now"));
        assertEquals(Duration.ofMinutes(15), CloudWatchConfig.parseStart("15m"));
        assertEquals(Duration.ofHours(2), CloudWatchConfig.parseStart("PT2H"));
        assertEquals(Duration.ofDays(1), CloudWatchConfig.parseStart("1d"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CloudWatchConfig.parseStart("yesterday"));
        assertEquals("cloudwatch start must be now or a duration like 90s, 15m, 2h, 1d, PT15M; was yesterday", e.getMessage());
    }

    private static LogsApi.Event ev(String id, long ts) {
        return new LogsApi.Event(id, ts, "2026/03/01/[$LATEST]abc", "line " + id);
    }

    private static LogsApi.EventPage page(String next, LogsApi.Event... events) {
        return new LogsApi.EventPage(List.of(events), next);
    }

    private static List<String> ids(List<LogsApi.Event> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.id()));
        return out;
    }
}
