package io.logdoctor.shipper.events;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;

import java.util.List;

/**
 * The calls the Kubernetes Events source makes to the API server: a page of the events list, a watch from a
 * resourceVersion, and the metadata of pods and replica sets for owners. {@link KubeEventsClient} makes them
 * with fabric8; a test can wrap it to answer a watch with 410 Gone.
 */
public interface KubeEventsApi extends AutoCloseable {

    /** One page of the list (500 events); {@code resourceVersion} is the list's, {@code continueToken} null on the last. */
    record Page(List<Event> items, String resourceVersion, String continueToken) {
    }

    /** A page of {@code events.k8s.io/v1} events; {@code continueToken} null for the first. */
    Page list(String continueToken);

    /** Watches the events changed after {@code resourceVersion}; the watcher is called on the client's thread. */
    Watch watch(String resourceVersion, Watcher<Event> watcher);

    /** The metadata of pod {@code namespace/name}, or null if it does not exist. */
    ObjectMeta pod(String namespace, String name);

    /** The metadata of replica set {@code namespace/name}, or null if it does not exist. */
    ObjectMeta replicaSet(String namespace, String name);

    @Override
    void close();
}
