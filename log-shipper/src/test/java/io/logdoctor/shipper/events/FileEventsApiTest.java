package io.logdoctor.shipper.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.logdoctor.records.LogRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events saved with kubectl, read in the shape the events source ships. */
class FileEventsApiTest {

    private static final Path SAMPLE = Path.of("../samples/events/events.json");

    @TempDir
    Path dir;

    @Test
    void shouldReadEachUpdateOfAWatchInOrderWithTheCoreFieldsMapped() throws IOException {
        List<Event> events = FileEventsApi.read(SAMPLE).list(null).items();

        assertEquals(List.of("SuccessfulCreate", "FailedScheduling", "FailedScheduling", "FailedScheduling"),
                events.stream().map(Event::getReason).toList());
        Event last = events.get(3);
        assertEquals(3, KubeEventRecord.count(last), "the core count is the occurrence count");
        assertEquals("2024-05-14T09:13:05Z", KubeEventRecord.ts(last), "lastTimestamp when there is no eventTime");
        assertEquals("default-scheduler", last.getReportingController());
        LogRecord record = KubeEventRecord.of("demo", last, null);
        assertEquals("payments", record.namespace());
        assertEquals("ledger-5d8c7b9f6-q4w7z", record.pod());
        assertTrue(record.line().startsWith("0/3 nodes are available: 3 Too many pods."), record.line());
    }

    @Test
    void shouldReadAListOfEventsK8sIoEvents() throws IOException {
        Path file = Files.writeString(dir.resolve("v1.json"), """
                {"apiVersion":"v1","kind":"List","items":[{"apiVersion":"events.k8s.io/v1","kind":"Event",
                 "metadata":{"name":"web.1","namespace":"shop","uid":"u-1"},"reason":"BackOff","type":"Warning",
                 "note":"Back-off restarting failed container web in pod web_shop(u)","regarding":{"kind":"Pod","namespace":"shop","name":"web"},
                 "reportingController":"kubelet","reportingInstance":"ip-10-0-1-23","series":{"count":4,"lastObservedTime":"2024-05-14T09:13:05.000000Z"}}]}
                """);

        Event e = FileEventsApi.read(file).list(null).items().get(0);

        assertEquals(4, KubeEventRecord.count(e));
        assertEquals("ip-10-0-1-23", KubeEventRecord.of("c", e, null).node());
    }

    @Test
    void shouldNameTheFileAndWhatToDoWhenItHoldsNoEvents() throws IOException {
        Path pods = Files.writeString(dir.resolve("pods.json"), "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\"}}");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"items\": [");

        assertEquals(pods + ": JSON value 1 is no Kubernetes Event (apiVersion v1, kind Pod): save events with kubectl get"
                + " events -A -o json", assertThrows(IOException.class, () -> FileEventsApi.read(pods)).getMessage());
        assertTrue(assertThrows(IOException.class, () -> FileEventsApi.read(broken)).getMessage()
                .startsWith(broken + " is not JSON ("));
    }
}
