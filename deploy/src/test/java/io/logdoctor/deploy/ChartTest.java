package io.logdoctor.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** helm lint and helm template of deploy/helm/logdoctor, with the defaults and with every toggle on. */
class ChartTest {

    @BeforeAll
    static void helm() {
        String why = HelmChart.unavailable();
        assumeTrue(why == null, why);
    }

    @Test
    void lintsStrictlyWithTheDefaults(@TempDir Path work) throws Exception {
        LintResult lint = HelmChart.lint(null, work);
        assertFalse(lint.isFailed(), "helm lint --strict: " + lint.getMessages());
    }

    @Test
    void lintsStrictlyWithEveryToggleOn(@TempDir Path work) throws Exception {
        LintResult lint = HelmChart.lint(HelmChart.ALL_ON, work);
        assertFalse(lint.isFailed(), "helm lint --strict with " + HelmChart.ALL_ON + ": " + lint.getMessages());
    }

    @Test
    void defaultsRenderTheFourServicesAndNoOptionalObjects() {
        List<HasMetadata> objects = checked(HelmChart.template(null));
        assertEquals(Map.of("DaemonSet", 1, "Deployment", 3, "Service", 4, "ServiceAccount", 2, "PodDisruptionBudget", 2,
                        "ClusterRole", 1, "ClusterRoleBinding", 1),
                kinds(objects));
    }

    @Test
    void everyToggleRendersItsObjects() {
        List<HasMetadata> objects = checked(HelmChart.template(HelmChart.ALL_ON));
        assertEquals(Map.ofEntries(Map.entry("DaemonSet", 1), Map.entry("Deployment", 3), Map.entry("Service", 4),
                        Map.entry("ServiceAccount", 2), Map.entry("PodDisruptionBudget", 2), Map.entry("ClusterRole", 1),
                        Map.entry("ClusterRoleBinding", 1), Map.entry("NetworkPolicy", 4), Map.entry("ServiceMonitor", 1),
                        Map.entry("PrometheusRule", 1), Map.entry("Secret", 1)),
                kinds(objects));
    }

    /**
     * The node journal and the events Deployment as deploy/ has them: the journals mounted read-only into the
     * shipper, and an events reader whose ClusterRole allows reading events, pods and replica sets, nothing more.
     */
    @Test
    void theShipperReadsTheJournalAndOneEventsReaderHasReadOnlyRbac() {
        List<HasMetadata> objects = checked(HelmChart.template(null));
        DaemonSet shipper = objects.stream().filter(DaemonSet.class::isInstance).map(DaemonSet.class::cast).findFirst().orElseThrow();
        Container c = shipper.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(c.getEnv().stream().anyMatch(e -> e.getName().equals("LOGDOCTOR_JOURNAL") && "true".equals(e.getValue())), c.getEnv().toString());
        assertEquals(Map.of("/var/log/journal", true, "/run/log/journal", true), c.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().contains("journal")).collect(Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getReadOnly)));
        Deployment events = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().endsWith("-events")).findFirst().orElseThrow();
        assertEquals(1, events.getSpec().getReplicas(), "one writer per cluster");
        assertEquals("Recreate", events.getSpec().getStrategy().getType());
        assertEquals(List.of("events"), events.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        ClusterRole role = objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast).findFirst().orElseThrow();
        assertEquals(List.of("events.k8s.io/events: [get, list, watch]", "/pods: [get]", "apps/replicasets: [get]"),
                role.getRules().stream().map(r -> r.getApiGroups().get(0) + "/" + r.getResources().get(0) + ": " + r.getVerbs()).toList());
    }

    /** The probes hit what each service really serves: /healthz and /readyz on its one HTTP port. */
    @Test
    void everyContainerIsProbedOnHealthzAndReadyz() {
        for (HasMetadata o : checked(HelmChart.template(HelmChart.ALL_ON))) {
            PodTemplateSpec pod = o instanceof Deployment d ? d.getSpec().getTemplate() : o instanceof DaemonSet d ? d.getSpec().getTemplate() : null;
            if (pod == null) {
                continue;
            }
            for (Container c : pod.getSpec().getContainers()) {
                assertNotNull(c.getLivenessProbe(), c.getName());
                assertNotNull(c.getReadinessProbe(), c.getName());
                assertEquals("/healthz", c.getLivenessProbe().getHttpGet().getPath(), c.getName());
                assertEquals("/readyz", c.getReadinessProbe().getHttpGet().getPath(), c.getName());
            }
        }
    }

    /** The PrometheusRule is deploy/prometheus/rules.yaml, not a copy that drifts. */
    @Test
    void thePrometheusRuleHoldsTheRulesFile() throws Exception {
        Map<String, Object> rule = HelmChart.template(HelmChart.ALL_ON).stream()
                .filter(d -> "PrometheusRule".equals(d.get("kind"))).findFirst().orElseThrow();
        JsonNode rendered = HelmChart.YAML.valueToTree(rule).path("spec").path("groups");
        JsonNode file = HelmChart.YAML.readTree(Path.of("prometheus", "rules.yaml").toFile()).path("groups");
        assertTrue(file.size() > 0, "rules.yaml has groups");
        assertEquals(file, rendered);
    }

    /** The checker itself: a misspelt field, a number where a string belongs, a mount of a missing volume are each caught. */
    @Test
    void theCheckerCatchesWhatTheApiServerWouldRefuse(@TempDir Path work) throws Exception {
        Path values = work.resolve("values.yaml");
        Files.writeString(values, "shipper:\n  extraEnv:\n    - {name: LOGDOCTOR_MAX_LINE_BYTES, valu: \"1024\"}\n");
        IllegalArgumentException misspelt = assertThrows(IllegalArgumentException.class, () -> checked(HelmChart.template(values)));
        assertTrue(misspelt.getMessage().contains("valu"), misspelt.getMessage());

        // A node-selector value is a string; YAML's 1 is not (the API server refuses it). affinity is free-form in values.
        Files.writeString(values, "streams:\n  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: "
                + "{nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: In, values: [1]}]}]}}}\n");
        IllegalArgumentException unquoted = assertThrows(IllegalArgumentException.class, () -> checked(HelmChart.template(values)));
        assertTrue(unquoted.getMessage().contains("Deployment ld-logdoctor-streams"), unquoted.getMessage());

        Files.writeString(values, "notifier:\n  extraEnv:\n    - {name: LOGDOCTOR_HTTP_BIND, value: 127.0.0.1}\n");
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> checked(HelmChart.template(values)));
        assertTrue(twice.getMessage().contains("env LOGDOCTOR_HTTP_BIND is set twice"), twice.getMessage());
    }

    @Test
    void badValuesFailTheRenderWithWhatToDo() {
        Exception delivery = assertThrows(IllegalStateException.class,
                () -> HelmChart.template(null, Map.of("shipper.delivery", "at-most-once")));
        assertTrue(delivery.getMessage().contains("at '/shipper/delivery': value must be one of 'exactly-once', 'at-least-once'"),
                delivery.getMessage());
        Exception typo = assertThrows(IllegalStateException.class, () -> HelmChart.template(null, Map.of("shiper.cluster", "prod")));
        assertTrue(typo.getMessage().contains("additional properties 'shiper' not allowed"), typo.getMessage());
        Exception type = assertThrows(IllegalStateException.class, () -> HelmChart.template(null, Map.of("shipper.port", "metrics")));
        assertTrue(type.getMessage().contains("/shipper/port"), type.getMessage());
        Exception routes = assertThrows(IllegalStateException.class,
                () -> HelmChart.template(null, Map.of("notifier.existingSecret", "")));
        assertTrue(routes.getMessage().contains("give notifier.existingSecret"), routes.getMessage());
    }

    /** Each document read strictly into its model class, then the cross-object checks; throws on the first problem. */
    static List<HasMetadata> checked(List<Map<String, Object>> docs) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Map<String, Object> doc : docs) {
            objects.add(KubernetesModel.read(doc));
        }
        List<String> problems = WorkloadChecks.problems(objects);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return objects;
    }

    private static Map<String, Integer> kinds(List<HasMetadata> objects) {
        Map<String, Integer> kinds = new TreeMap<>();
        objects.forEach(o -> kinds.merge(o.getKind(), 1, Integer::sum));
        return kinds;
    }
}
