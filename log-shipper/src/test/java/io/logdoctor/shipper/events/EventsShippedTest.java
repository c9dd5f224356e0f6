package io.logdoctor.shipper.events;

import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.api.model.events.v1.EventSeriesBuilder;
import io.logdoctor.records.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped-events memory's rule and bounds, the checkpoint's checks, and an event's count and time. */
class EventsShippedTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void shouldShipAnEventAgainOnlyWhenItsCountGrew() {
        EventsShipped shipped = new EventsShipped(Map.of(), Duration.ofMinutes(75), 100);
        assertTrue(shipped.isNew("a", 1));
        shipped.shipped("a", 1, T0);
        assertFalse(shipped.isNew("a", 1), "a re-delivery");
        assertTrue(shipped.isNew("a", 2), "the series grew");
        shipped.shipped("a", 5, T0);
        assertFalse(shipped.isNew("a", 4), "an older state seen late");
    }

    @Test
    void shouldForgetTheOldestBeyondTheCountAndWhatIsOlderThanTheMemory() {
        EventsShipped shipped = new EventsShipped(Map.of(), Duration.ofMinutes(75), 3);
        shipped.shipped("a", 1, T0);
        shipped.shipped("b", 1, T0.plusSeconds(1));
        shipped.shipped("c", 1, T0.plusSeconds(2));
        shipped.shipped("a", 2, T0.plusSeconds(3)); // refreshed: now the newest
        shipped.shipped("d", 1, T0.plusSeconds(4));
        assertEquals(3, shipped.size());
        assertTrue(shipped.isNew("b", 1), "b, shipped longest ago, went first");
        assertFalse(shipped.isNew("a", 2));
        assertEquals(3, shipped.trim(T0.plus(Duration.ofMinutes(76))), "all older than 75 min go");
    }

    @Test
    void shouldKeepAFullDefaultMemoryUnderTheBrokersDefaultLargestRecord() throws Exception {
        EventsShipped shipped = new EventsShipped(Map.of(), EventsConfig.DEFAULT_REMEMBER, EventsConfig.DEFAULT_MAX_REMEMBER);
        for (int i = 0; i < EventsConfig.DEFAULT_MAX_REMEMBER + 50; i++) {
            shipped.shipped(UUID.randomUUID().toString(), 1000 + i, T0.plusSeconds(i / 100));
        }
        assertEquals(EventsConfig.DEFAULT_MAX_REMEMBER, shipped.size());
        int bytes = Json.MAPPER.writeValueAsBytes(new EventsCheckpoint(EventsCheckpoint.VERSION, "123456789", shipped.entries(),
                T0.getEpochSecond())).length;
        assertTrue(bytes < 1_000_000, "the offsets topic keeps the broker's 1 MB message.max.bytes: " + bytes);
    }

    @Test
    void shouldRefuseACheckpointItCannotReadNamingTheKey() {
        byte[] bad = "{\"version\":1,\"resourceVersion\":\"9\",\"shipped\":{\"u\":[3]},\"savedAt\":0}".getBytes(StandardCharsets.UTF_8);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EventsCheckpoint.parse("events/all", bad));
        assertTrue(e.getMessage().contains("events/all") && e.getMessage().contains("shipped.u"), e.getMessage());
        byte[] newer = "{\"version\":2,\"shipped\":{},\"savedAt\":0}".getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(IllegalStateException.class, () -> EventsCheckpoint.parse("events/all", newer))
                .getMessage().contains("version 2"));
    }

    @Test
    void shouldRoundTripTheCheckpointAsJson() throws Exception {
        EventsShipped shipped = new EventsShipped(Map.of(), Duration.ofMinutes(75), 10);
        shipped.shipped("uid-1", 4, T0);
        byte[] json = Json.MAPPER.writeValueAsBytes(new EventsCheckpoint(EventsCheckpoint.VERSION, "1234", shipped.entries(), 77));
        EventsCheckpoint back = EventsCheckpoint.parse("events/all", json);
        assertEquals("1234", back.resourceVersion());
        assertFalse(new EventsShipped(back.shipped(), Duration.ofMinutes(75), 10).isNew("uid-1", 4));
    }

    @Test
    void shouldTakeTheSeriesCountAndItsLastObservationForARepeat() {
        Event first = new EventBuilder().withMetadata(new ObjectMetaBuilder().withUid("u").withCreationTimestamp("2026-12-06T09:00:00Z").build())
                .withEventTime(new MicroTime("2026-12-06T09:00:00.123456Z")).build();
        assertEquals(1, KubeEventRecord.count(first));
        assertEquals("2026-12-06T09:00:00.123456Z", KubeEventRecord.ts(first));
        Event repeat = new EventBuilder(first).withSeries(new EventSeriesBuilder().withCount(7)
                .withLastObservedTime(new MicroTime("2026-12-06T09:05:00.000001Z")).build()).build();
        assertEquals(7, KubeEventRecord.count(repeat));
        assertEquals("2026-12-06T09:05:00.000001Z", KubeEventRecord.ts(repeat));
        Event legacy = new EventBuilder().withMetadata(new ObjectMetaBuilder().withUid("v").withCreationTimestamp("2026-12-06T08:00:00Z").build())
                .withDeprecatedCount(3).withDeprecatedLastTimestamp("2026-12-06T08:30:00Z").build();
        assertEquals(3, KubeEventRecord.count(legacy));
        assertEquals("2026-12-06T08:30:00Z", KubeEventRecord.ts(legacy));
        assertEquals("2026-12-06T08:00:00Z", KubeEventRecord.ts(new EventBuilder(legacy).withDeprecatedLastTimestamp(null).build()));
    }
}
