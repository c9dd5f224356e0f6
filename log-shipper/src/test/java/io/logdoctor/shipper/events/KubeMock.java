package io.logdoctor.shipper.events;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.api.model.events.v1.EventSeriesBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's Kubernetes API server fake in CRUD mode on a local port (plain HTTP): objects created through it
 * are listed and watched back as a real API server would, with increasing resourceVersions. Unlike a real
 * one, a watch starts with every current object as ADDED whatever resourceVersion it asks for, so each start of
 * the source also exercises the skip-what-was-shipped rule.
 */
public final class KubeMock implements AutoCloseable {

    /** Held: java.util.logging keeps loggers weakly, and the mock logs every request at INFO. */
    private static final Logger QUIET = Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public KubeMock() {
        QUIET.setLevel(Level.WARNING);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    KubernetesClient client() {
        return client;
    }

    /** Another client of the same server (a source closes its client when it closes). */
    public KubernetesClient createClient() {
        return server.createClient();
    }

    String url() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    /** Creates Deployment {@code api}'s replica set and {@code pod}, so owners resolve to {@code Deployment/api}. */
    public void deploymentPod(String namespace, String replicaSet, String pod) {
        client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(replicaSet).withNamespace(namespace)
                        .withOwnerReferences(new OwnerReferenceBuilder().withKind("Deployment").withName("api")
                                .withApiVersion("apps/v1").withUid("dep-uid").withController(true).build()).build()).build()).create();
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(pod).withNamespace(namespace)
                        .withOwnerReferences(new OwnerReferenceBuilder().withKind("ReplicaSet").withName(replicaSet)
                                .withApiVersion("apps/v1").withUid("rs-uid").withController(true).build()).build()).build()).create();
    }

    /** Creates an event about pod {@code pod} and returns it as stored (with its uid and resourceVersion). */
    public Event event(String namespace, String name, String pod, String type, String reason, String note) {
        try {
            return create(namespace, name, pod, type, reason, note);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // fabric8 retried a POST whose first attempt the (loaded) mock had stored: the event exists, as created
            return client.events().v1().events().inNamespace(namespace).withName(name).get();
        }
    }

    private Event create(String namespace, String name, String pod, String type, String reason, String note) {
        return client.events().v1().events().inNamespace(namespace).resource(new EventBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build())
                .withEventTime(new MicroTime(Instant.now().toString()))
                .withType(type).withReason(reason).withNote(note)
                .withReportingController("kubelet").withReportingInstance("ip-10-0-1-17")
                .withAction("Restarting")
                .withNewRegarding().withKind("Pod").withNamespace(namespace).withName(pod).withUid("uid-" + pod).endRegarding()
                .build()).create();
    }

    /** The event repeated: its series count set to {@code count}, observed now. */
    public Event repeat(String namespace, String name, int count) {
        return client.events().v1().events().inNamespace(namespace).withName(name).edit(e -> new EventBuilder(e)
                .withSeries(new EventSeriesBuilder().withCount(count).withLastObservedTime(new MicroTime(Instant.now().toString())).build())
                .build());
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
