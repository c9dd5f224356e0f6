package io.logdoctor.shipper.events;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link KubeEventsApi} with the fabric8 client (its JDK HttpClient transport). */
public final class KubeEventsClient implements KubeEventsApi {

    /** Events per list page: the API server's usual chunk size (kubectl's default too). */
    static final long PAGE = 500;

    private final KubernetesClient client;
    private final String namespace;

    public KubeEventsClient(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /**
     * A client from {@code kubeconfig}, or else as fabric8's {@code Config.autoConfigure} finds it: the
     * {@code KUBECONFIG} variable or {@code ~/.kube/config}, then the pod's service account (in a cluster).
     */
    public static KubeEventsClient create(EventsConfig config) {
        if (config.kubeconfig() != null && !Files.isReadable(Path.of(config.kubeconfig()))) {
            throw new IllegalArgumentException("kubeconfig " + config.kubeconfig() + " does not exist or cannot be read: give "
                    + "--kubeconfig (LOGDOCTOR_KUBECONFIG) a readable file, or leave it out to use KUBECONFIG, ~/.kube/config "
                    + "or the pod's service account");
        }
        Config kube = config.kubeconfig() == null ? Config.autoConfigure(null) : Config.fromKubeconfig(new File(config.kubeconfig()));
        return new KubeEventsClient(new KubernetesClientBuilder().withConfig(kube).build(), config.namespace());
    }

    private FilterWatchListDeletable<Event, EventList, Resource<Event>> events() {
        var events = client.events().v1().events();
        return namespace == null ? events.inAnyNamespace() : events.inNamespace(namespace);
    }

    @Override
    public Page list(String continueToken) {
        EventList list = events().list(new ListOptionsBuilder().withLimit(PAGE).withContinue(continueToken).build());
        String next = list.getMetadata().getContinue();
        return new Page(list.getItems(), list.getMetadata().getResourceVersion(), next == null || next.isEmpty() ? null : next);
    }

    @Override
    public Watch watch(String resourceVersion, Watcher<Event> watcher) {
        // Bookmarks move the resourceVersion on while nothing in scope changes, so a resume is less likely to be 410.
        return events().watch(new ListOptionsBuilder().withResourceVersion(resourceVersion).withAllowWatchBookmarks(true).build(),
                watcher);
    }

    @Override
    public ObjectMeta pod(String namespace, String name) {
        return meta(client.pods().inNamespace(namespace).withName(name).get());
    }

    @Override
    public ObjectMeta replicaSet(String namespace, String name) {
        return meta(client.apps().replicaSets().inNamespace(namespace).withName(name).get());
    }

    private static ObjectMeta meta(HasMetadata object) {
        return object == null ? null : object.getMetadata();
    }

    @Override
    public void close() {
        client.close();
    }
}
