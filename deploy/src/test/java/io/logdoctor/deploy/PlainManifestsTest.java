package io.logdoctor.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The plain manifests beside the chart (deploy/*.yaml) pass the same checks as the chart's rendered objects. */
class PlainManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"shipper-daemonset.yaml", "streams-app.yaml", "notifier.yaml", "events-deployment.yaml"})
    @SuppressWarnings("unchecked")
    void fitsTheKubernetesModel(String file) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (var parser = HelmChart.YAML.createParser(Path.of(file).toFile())) {
            for (Iterator<Object> it = HelmChart.YAML.readValues(parser, Object.class); it.hasNext(); ) {
                if (it.next() instanceof Map<?, ?> doc && !doc.isEmpty()) {
                    objects.add(KubernetesModel.read((Map<String, Object>) doc));
                }
            }
        }
        assertFalse(objects.isEmpty(), file);
        assertEquals(List.of(), WorkloadChecks.problems(objects));
    }
}
