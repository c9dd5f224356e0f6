package io.logdoctor.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks rendered manifests against the Kubernetes API's types, as the fabric8 model classes (generated from the
 * API server's OpenAPI schema, and the Prometheus Operator's CRDs for monitoring.coreos.com) define them. Strictly:
 * no coercion of a string into a number or a boolean, and no field the type does not have. fabric8 keeps unknown
 * fields in each object's {@code additionalProperties} instead of failing, so every object read is walked for them.
 *
 * <p>Why not kubernetes-json-schema: those files are not on Maven Central nor on this machine, and the build must
 * run offline; the model classes are the same schema, compiled. What the schema's {@code required} lists say is not
 * checked here; {@link WorkloadChecks} covers the ones the API server would reject this chart for.
 */
final class KubernetesModel {

    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("apps/v1/DaemonSet", DaemonSet.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", ClusterRole.class),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", ClusterRoleBinding.class));

    private static final ObjectMapper STRICT = strict();

    private KubernetesModel() {
    }

    /** As the API server decodes JSON: a string is not a number or a boolean, and a number or boolean is not a string. */
    private static ObjectMapper strict() {
        ObjectMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /** The document as its model class, or an exception that names the document and what does not fit. */
    static HasMetadata read(Map<String, Object> doc) {
        String type = doc.get("apiVersion") + "/" + doc.get("kind");
        Class<? extends HasMetadata> model = TYPES.get(type);
        if (model == null) {
            throw new IllegalArgumentException(name(doc) + ": no model for " + type + "; add it to KubernetesModel.TYPES");
        }
        HasMetadata read;
        try {
            read = STRICT.convertValue(doc, model);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name(doc) + " does not fit " + type + ": " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        unknownFields(read, type, unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(name(doc) + " has fields " + type + " does not have: " + unknown);
        }
        return read;
    }

    /** Every non-empty {@code additionalProperties} in the object graph, as path: keys. */
    private static void unknownFields(Object o, String path, List<String> out, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, out, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass") || !getter.getDeclaringClass().getName().startsWith("io.fabric8.")) {
                continue;
            }
            Object value = invoke(getter, o);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(path + ": " + extra.keySet());
                }
                continue;
            }
            unknownFields(value, path + "." + field(getter), out, seen);
        }
    }

    private static Object invoke(Method getter, Object o) {
        try {
            return getter.invoke(o);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter + " of " + o.getClass(), e);
        }
    }

    private static String field(Method getter) {
        String n = getter.getName().substring(3);
        return n.isEmpty() ? n : Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> doc) {
        Object metadata = doc.get("metadata");
        Object name = metadata instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("name") : null;
        return doc.get("kind") + " " + name;
    }

    /** The kinds this checker knows, for a test's message. */
    static Set<String> known() {
        return TYPES.keySet();
    }
}
