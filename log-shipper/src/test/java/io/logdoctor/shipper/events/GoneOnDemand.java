package io.logdoctor.shipper.events;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real client, except that the test can end the current watch as the API server does when the
 * resourceVersion is too old: HTTP 410 Gone ("too old resource version"). fabric8's CRUD mock cannot answer 410.
 */
public final class GoneOnDemand implements KubeEventsApi {

    private final KubeEventsApi real;
    public final AtomicInteger lists = new AtomicInteger();
    private Watch current;
    private Watcher<Event> watcher;
    private AtomicBoolean deaf = new AtomicBoolean();

    public GoneOnDemand(KubeEventsApi real) {
        this.real = real;
    }

    /** Stops the current watch without telling the source: what happens meanwhile is not delivered to it. */
    public synchronized void deafen() {
        deaf.set(false);
        current.close();
    }

    /** Ends the current watch with 410 Gone. */
    public synchronized void gone() {
        WatcherException e = new WatcherException("too old resource version",
                new KubernetesClientException("too old resource version", 410, new StatusBuilder().withCode(410).withReason("Expired").build()));
        watcher.onClose(e);
    }

    @Override
    public Page list(String continueToken) {
        lists.incrementAndGet();
        return real.list(continueToken);
    }

    @Override
    public synchronized Watch watch(String resourceVersion, Watcher<Event> w) {
        watcher = w;
        AtomicBoolean live = new AtomicBoolean(true);
        deaf = live;
        current = real.watch(resourceVersion, new Watcher<>() {
            @Override
            public void eventReceived(Action action, Event event) {
                if (live.get()) {
                    w.eventReceived(action, event);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                if (live.get()) {
                    w.onClose(cause);
                }
            }

            @Override
            public void onClose() {
                if (live.get()) {
                    w.onClose();
                }
            }
        });
        return current;
    }

    @Override
    public ObjectMeta pod(String namespace, String name) {
        return real.pod(namespace, name);
    }

    @Override
    public ObjectMeta replicaSet(String namespace, String name) {
        return real.replicaSet(namespace, name);
    }

    @Override
    public void close() {
        real.close();
    }
}
