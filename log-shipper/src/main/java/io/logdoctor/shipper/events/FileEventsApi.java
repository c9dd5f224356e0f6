package io.logdoctor.shipper.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes Events saved to a file instead of an API server: what {@code kubectl get events -A -o json} prints (a
 * core/v1 List), {@code kubectl get events.events.k8s.io -A -o json} (events.k8s.io/v1), or {@code kubectl get
 * events -A --watch -o json} (one JSON object per change, so a repeated event appears with count 1, 2, 3 ...).
 * The list holds the file's events in order; the watch never reports anything; owners are not looked up.
 * It serves {@code logdoctor demo} and the diagnosis of events saved from a cluster.
 */
public final class FileEventsApi implements KubeEventsApi {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final List<Event> events;

    private FileEventsApi(List<Event> events) {
        this.events = events;
    }

    /**
     * Reads every JSON value of {@code file}: a List (its items), or one Event.
     *
     * @throws IOException naming the file and the JSON value that is no Kubernetes event, and what is expected
     */
    public static FileEventsApi read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(file.toFile())) {
            int n = 0;
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                n++;
                for (JsonNode item : value.has("items") ? value.get("items") : List.of(value)) {
                    events.add(event(item, file, n));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + "): save events with kubectl get events -A -o json", e);
        }
        return new FileEventsApi(List.copyOf(events));
    }

    private static Event event(JsonNode item, Path file, int value) throws IOException {
        String apiVersion = item.path("apiVersion").asText("v1");
        if (apiVersion.startsWith("events.k8s.io/")) {
            return JSON.treeToValue(item, Event.class);
        }
        if (!"v1".equals(apiVersion) || !item.path("kind").asText("Event").equals("Event") || !item.has("involvedObject")) {
            throw new IOException(file + ": JSON value " + value + " is no Kubernetes Event (apiVersion " + apiVersion + ", kind "
                    + item.path("kind").asText("none") + "): save events with kubectl get events -A -o json");
        }
        return fromCore(JSON.treeToValue(item, io.fabric8.kubernetes.api.model.Event.class));
    }

    /** A core/v1 Event in the events.k8s.io/v1 shape the source reads (the API server maps the two fields alike). */
    static Event fromCore(io.fabric8.kubernetes.api.model.Event core) {
        boolean reporting = core.getReportingComponent() != null && !core.getReportingComponent().isEmpty();
        return new EventBuilder()
                .withMetadata(core.getMetadata())
                .withReason(core.getReason())
                .withNote(core.getMessage())
                .withType(core.getType())
                .withRegarding(core.getInvolvedObject())
                .withReportingController(reporting ? core.getReportingComponent()
                        : core.getSource() == null ? null : core.getSource().getComponent())
                .withReportingInstance(reporting ? core.getReportingInstance()
                        : core.getSource() == null ? null : core.getSource().getHost())
                .withEventTime(core.getEventTime())
                .withDeprecatedCount(core.getCount())
                .withDeprecatedFirstTimestamp(core.getFirstTimestamp())
                .withDeprecatedLastTimestamp(core.getLastTimestamp())
                .build();
    }

    @Override
    public Page list(String continueToken) {
        return new Page(events, "0", null);
    }

    @Override
    public Watch watch(String resourceVersion, Watcher<Event> watcher) {
        return () -> {
        };
    }

    @Override
    public ObjectMeta pod(String namespace, String name) {
        return null;
    }

    @Override
    public ObjectMeta replicaSet(String namespace, String name) {
        return null;
    }

    @Override
    public void close() {
    }
}
