package io.logdoctor.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    void defaultsRenderTheThreeServicesAndNoOptionalObjects() {
        List<HasMetadata> objects = checked(HelmChart.template(null));
        assertEquals(Map.of("DaemonSet", 1, "Deployment", 2, "Service", 3, "ServiceAccount", 1, "PodDisruptionBudget", 2),
                kinds(objects));
    }

    @Test
    void everyToggleRendersItsObjects() {
        List<HasMetadata> objects = checked(HelmChart.template(HelmChart.ALL_ON));
        assertEquals(Map.of("DaemonSet", 1, "Deployment", 2, "Service", 3, "ServiceAccount", 1, "PodDisruptionBudget", 2,
                        "NetworkPolicy", 3, "ServiceMonitor", 1, "PrometheusRule", 1, "Secret", 1),
                kinds(objects));
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
