package io.logdoctor.shipper.events;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workload that owns an event's involved object, as {@code Kind/name}: a Pod's controller, and for a
 * ReplicaSet its Deployment (Pod to ReplicaSet to Deployment through {@code ownerReferences}). Answers are
 * cached (a pod's owner does not change). Unresolvable is an answer too (null): the pod is gone already, it
 * has no controller, or the service account may not get pods or replica sets (logged once).
 */
final class KubeOwners {

    private static final Logger log = LoggerFactory.getLogger(KubeOwners.class);
    private static final int CACHE = 10_000;
    private static final String NONE = "";

    private final KubeEventsApi api;
    private final Map<String, String> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHE;
        }
    };
    private boolean refusedLogged;

    KubeOwners(KubeEventsApi api) {
        this.api = api;
    }

    /** The owner of {@code kind namespace/name} ("Deployment/api"), or null if none can be found. */
    String owner(String kind, String namespace, String name) {
        if (namespace == null || name == null || !("Pod".equals(kind) || "ReplicaSet".equals(kind))) {
            return null;
        }
        String key = kind + "/" + namespace + "/" + name;
        String known = cache.get(key);
        if (known != null) {
            return known.isEmpty() ? null : known;
        }
        String found;
        try {
            found = "Pod".equals(kind) ? ofPod(namespace, name) : ofReplicaSet(namespace, name);
        } catch (KubernetesClientException e) {
            if (!refusedLogged) {
                refusedLogged = true;
                log.warn("cannot read the owner of {} {}/{} ({} {}); events go without owner (RBAC: get on pods and "
                        + "replicasets)", kind, namespace, name, e.getCode(), e.getMessage());
            }
            return null; // not cached: a passing API server error should not stick
        }
        cache.put(key, found == null ? NONE : found);
        return found;
    }

    private String ofPod(String namespace, String name) {
        OwnerReference ref = controller(api.pod(namespace, name));
        if (ref == null) {
            return null;
        }
        if ("ReplicaSet".equals(ref.getKind())) {
            String deployment = ofReplicaSet(namespace, ref.getName());
            return deployment != null ? deployment : "ReplicaSet/" + ref.getName();
        }
        return ref.getKind() + "/" + ref.getName();
    }

    private String ofReplicaSet(String namespace, String name) {
        OwnerReference ref = controller(api.replicaSet(namespace, name));
        return ref == null ? null : ref.getKind() + "/" + ref.getName();
    }

    private static OwnerReference controller(ObjectMeta meta) {
        if (meta == null || meta.getOwnerReferences() == null) {
            return null;
        }
        return meta.getOwnerReferences().stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().orElse(null);
    }
}
