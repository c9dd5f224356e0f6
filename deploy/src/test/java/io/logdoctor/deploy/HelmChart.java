package io.logdoctor.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import com.marcnuri.helm.jni.NativeLibrary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chart in deploy/helm/logdoctor, linted and rendered by Helm's own code: helm-java ships Helm's Go
 * packages as a native library (JNA), so these are the real {@code helm lint} and {@code helm template}
 * without a helm binary on the machine (helm-java 0.0.21 embeds Helm 3.21.0).
 */
final class HelmChart {

    static final Path CHART = Path.of("helm", "logdoctor");
    /** Every toggle on (chart-testing's ci/ convention). */
    static final Path ALL_ON = CHART.resolve("ci").resolve("all-on-values.yaml");
    /** The oldest Kubernetes the chart says it supports (Chart.yaml kubeVersion). */
    static final String KUBE_VERSION = "1.25.0";
    static final String RELEASE = "ld";
    static final String NAMESPACE = "logdoctor";

    static final YAMLMapper YAML = new YAMLMapper();

    private HelmChart() {
    }

    /** Null when Helm's native library loads on this machine, else why not (the tests then skip). */
    static String unavailable() {
        try {
            NativeLibrary.getInstance().load();
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "Helm's native library (com.marcnuri.helm-java) cannot be loaded on " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + " (the build adds it for linux amd64 only): " + e;
        }
    }

    /** {@code helm template} with the chart's defaults, plus {@code values} when not null, as one map per document. */
    static List<Map<String, Object>> template(Path values, Map<String, Object> set) {
        TemplateCommand command = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
        if (values != null) {
            command = command.withValuesFile(values);
        }
        for (Map.Entry<String, Object> e : set.entrySet()) {
            command = command.set(e.getKey(), e.getValue());
        }
        return documents(command.call());
    }

    static List<Map<String, Object>> template(Path values) {
        return template(values, Map.of());
    }

    /**
     * {@code helm lint --strict} with the defaults, or with {@code values} over them. helm-java's lint takes no
     * values file, so the chart is copied into {@code work} (files/rules.yaml's link followed) with the merged
     * values as its own.
     */
    static LintResult lint(Path values, Path work) throws IOException {
        if (values == null) {
            return new Helm(CHART).lint().strict().call();
        }
        Path copy = work.resolve("logdoctor");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target); // a link's target, not the link
                }
            }
        }
        ObjectNode merged = (ObjectNode) YAML.readTree(CHART.resolve("values.yaml").toFile());
        merge(merged, YAML.readTree(values.toFile()));
        YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
        return new Helm(copy).lint().strict().call();
    }

    /** Helm's own merge of a values file over the defaults: maps merge key by key, anything else replaces. */
    private static void merge(ObjectNode into, JsonNode over) {
        Iterator<Map.Entry<String, JsonNode>> fields = over.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode o && e.getValue().isObject()) {
                merge(o, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(String rendered) {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (var parser = YAML.createParser(rendered)) {
            for (Iterator<Object> it = YAML.readValues(parser, Object.class); it.hasNext(); ) {
                Object doc = it.next();
                if (doc instanceof Map<?, ?> map && !map.isEmpty()) {
                    docs.add((Map<String, Object>) map);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("helm template printed YAML that does not parse:\n" + rendered, e);
        }
        return docs;
    }
}
