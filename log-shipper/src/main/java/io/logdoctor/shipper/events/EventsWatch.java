package io.logdoctor.shipper.events;

import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One watch of Kubernetes Events at a time, whose callbacks (on the client's thread) go into a bounded queue
 * that the shipper's thread drains. When the queue is full the callback waits, so the watch stream is read
 * no faster than Kafka takes the records. Every {@link #start} begins a new generation: what an older watch
 * still delivers is dropped, so after a rewind nothing read before it comes back out of order.
 */
final class EventsWatch implements AutoCloseable {

    /** A watch callback: an event with its action, or the end of the watch ({@code closed}, null for a clean end). */
    record Item(long generation, Watcher.Action action, Event event, WatcherException closed, boolean ended) {
    }

    static final int CAPACITY = 1_000;

    private final KubeEventsApi api;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile long generation;
    private Watch current;

    EventsWatch(KubeEventsApi api) {
        this.api = api;
    }

    /** Stops the current watch (if any) and watches from {@code resourceVersion}. */
    void start(String resourceVersion) {
        stop();
        long mine = generation;
        current = api.watch(resourceVersion, new Watcher<>() {
            @Override
            public void eventReceived(Action action, Event event) {
                put(new Item(mine, action, event, null, false));
            }

            @Override
            public void onClose(WatcherException cause) {
                put(new Item(mine, null, null, cause, true));
            }

            @Override
            public void onClose() {
                put(new Item(mine, null, null, null, true));
            }
        });
    }

    /** Stops the current watch; what it delivered and was not taken yet is dropped. */
    void stop() {
        generation++;
        Watch w = current;
        current = null;
        queue.clear();
        if (w != null) {
            w.close();
        }
    }

    private void put(Item item) {
        try {
            while (item.generation() == generation && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // full: wait for the shipper's thread, unless this watch was replaced meanwhile
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Up to {@code max} items of the current watch, in order. */
    List<Item> take(int max) {
        List<Item> items = new ArrayList<>();
        queue.drainTo(items, max);
        items.removeIf(i -> i.generation() != generation);
        return items;
    }

    /** True if items wait to be taken. */
    boolean pending() {
        return !queue.isEmpty();
    }

    int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        stop();
    }
}
