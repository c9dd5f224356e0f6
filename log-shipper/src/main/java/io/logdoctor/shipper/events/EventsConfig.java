package io.logdoctor.shipper.events;

import io.logdoctor.shipper.ShipperConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of the Kubernetes Events source ({@link ShipperConfig#events()}).
 *
 * @param namespace  the namespace to watch, or null for all
 * @param allTypes   ship Normal events too; by default only {@code type: Warning} ones are shipped
 * @param remember   how long an event's uid and count are kept to skip it after a relist: the API server
 *                   deletes events after its {@code --event-ttl} (1 h by default), so a relist cannot return older ones
 * @param maxRemember how many uids are kept at most (the oldest go first): bounds the checkpoint's size
 * @param kubeconfig a kubeconfig file, or null for fabric8's autoConfigure (KUBECONFIG, ~/.kube/config, then the
 *                   pod's service account)
 * @param eventsOnly the process reads no pod files ({@code logdoctor events}, one per cluster)
 * @param file       events saved with {@code kubectl get events -A -o json} (or {@code --watch}) to read instead of an
 *                   API server, or null ({@link FileEventsApi})
 */
public record EventsConfig(String namespace, boolean allTypes, Duration remember, int maxRemember, String kubeconfig,
                           boolean eventsOnly, Path file) {

    /** The API server's default {@code --event-ttl}, plus a margin for a watch that lags. */
    public static final Duration DEFAULT_REMEMBER = Duration.ofMinutes(75);
    /** 10,000 uids of 36 bytes with a count and a second: about 0.6 MB, under Kafka's default largest record (1 MB). */
    public static final int DEFAULT_MAX_REMEMBER = 10_000;

    public EventsConfig {
        Objects.requireNonNull(remember, "remember");
        if (remember.isNegative() || remember.isZero()) {
            throw new IllegalArgumentException("events-remember must be positive; was " + remember);
        }
        if (maxRemember < 1) {
            throw new IllegalArgumentException("events-max-remember must be at least 1; was " + maxRemember);
        }
        if (namespace != null && namespace.isBlank()) {
            namespace = null;
        }
    }

    /** Warning events of {@code namespace} (null: all), with the default memory, beside the pod files. */
    public EventsConfig(String namespace) {
        this(namespace, false, DEFAULT_REMEMBER, DEFAULT_MAX_REMEMBER, null, false, null);
    }

    public EventsConfig withAllTypes(boolean all) {
        return new EventsConfig(namespace, all, remember, maxRemember, kubeconfig, eventsOnly, file);
    }

    public EventsConfig withRemember(Duration age, int max) {
        return new EventsConfig(namespace, allTypes, age, max, kubeconfig, eventsOnly, file);
    }

    public EventsConfig withKubeconfig(String file) {
        return new EventsConfig(namespace, allTypes, remember, maxRemember, file, eventsOnly, this.file);
    }

    /** Events read from {@code events} (a {@code kubectl get events -o json} file) instead of the API server. */
    public EventsConfig fromFile(Path events) {
        return new EventsConfig(namespace, allTypes, remember, maxRemember, kubeconfig, eventsOnly, events);
    }

    /** The process reads events only, no pod files. */
    public EventsConfig alone() {
        return new EventsConfig(namespace, allTypes, remember, maxRemember, kubeconfig, true, file);
    }
}
