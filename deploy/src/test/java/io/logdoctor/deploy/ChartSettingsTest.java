package io.logdoctor.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every environment variable the chart sets is one its program reads: a LOGDOCTOR_* name is a setting that
 * component's command reads (found in the cli's sources, as Settings maps a setting to its variable), a
 * LOGDOCTOR_KAFKA_* name a Kafka client property, any other name one the service's code or the runtime reads.
 * A value that maps to nothing would be accepted by Kubernetes and silently ignored by the service.
 */
class ChartSettingsTest {

    private static final Path CLI = Path.of("..", "cli", "src", "main", "java", "io", "logdoctor", "cli");
    /** The sources that declare and read each component's settings: its command, its declarations, and the options every service shares. */
    private static final Map<String, List<String>> READERS = Map.of(
            "shipper", List.of("ShipperCommand.java", "ShipperSettings.java", "JournalFlags.java", "KafkaOptions.java", "HttpFlags.java"),
            "events", List.of("EventsCommand.java", "EventsSettings.java", "ShipperSettings.java", "KafkaOptions.java", "HttpFlags.java"),
            "streams", List.of("StreamsCommand.java", "StreamsSettings.java", "KafkaOptions.java", "HttpFlags.java"),
            "notifier", List.of("NotifierCommand.java", "NotifierSettings.java", "KafkaOptions.java", "HttpFlags.java"));
    /** Where each component's own code reads plain variables (NODE_NAME, POD_IP). */
    private static final Map<String, Path> MODULES = Map.of(
            "shipper", Path.of("..", "log-shipper", "src", "main", "java"),
            "events", Path.of("..", "log-shipper", "src", "main", "java"),
            "streams", Path.of("..", "streams-app", "src", "main", "java"),
            "notifier", Path.of("..", "notifier", "src", "main", "java"));
    /** Read by the JVM and by glibc, not by our code. */
    private static final Set<String> RUNTIME = Set.of("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX");
    /** A setting's declaration ({@code Setting.duration("repeat-interval", ...)}) or a raw read ({@code settings.get("x", ...)}). */
    private static final Pattern SETTING = Pattern.compile("(?:\\.(?:get|require)|Setting\\.\\w+)\\(\\s*\"([a-z0-9-]+)\"");

    @BeforeAll
    static void helm() {
        String why = HelmChart.unavailable();
        assumeTrue(why == null, why);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyVariableTheChartSetsIsReadByItsComponent(boolean allOn) throws IOException {
        assertEquals(List.of(), unread(HelmChart.template(allOn ? HelmChart.ALL_ON : null)));
    }

    /** The check itself: a setting of another component, and librdkafka's spelling of a Java client property. */
    @Test
    void aVariableNothingReadsIsNamed(@TempDir Path work) throws IOException {
        Path values = work.resolve("values.yaml");
        Files.writeString(values, "kafka:\n  properties: {sasl.mechanisms: PLAIN}\n"
                + "notifier:\n  extraEnv: [{name: LOGDOCTOR_REPEAT_INTERVAL, value: PT5M}]\n");
        List<String> unread = unread(HelmChart.template(values));
        assertTrue(unread.contains("notifier: LOGDOCTOR_REPEAT_INTERVAL is no setting of `logdoctor notifier` (it reads "
                + settingsReadBy("notifier") + ")"), unread.toString());
        assertTrue(unread.contains("streams: LOGDOCTOR_KAFKA_SASL_MECHANISMS becomes Kafka property sasl.mechanisms, "
                + "which no Kafka client has"), unread.toString());
    }

    /** Each variable of each container that nothing reads, with why. */
    private static List<String> unread(List<Map<String, Object>> docs) throws IOException {
        List<String> unread = new ArrayList<>();
        int checked = 0;
        for (Map<String, Object> doc : docs) {
            HasMetadata o = KubernetesModel.read(doc);
            PodTemplateSpec pod = o instanceof Deployment d ? d.getSpec().getTemplate() : o instanceof DaemonSet d ? d.getSpec().getTemplate() : null;
            if (pod == null) {
                continue;
            }
            String component = pod.getMetadata().getLabels().get("app.kubernetes.io/component");
            Set<String> settings = settingsReadBy(component);
            for (Container c : pod.getSpec().getContainers()) {
                String expanded = String.join("\n", c.getEnv().stream().map(e -> String.valueOf(e.getValue())).toList());
                for (EnvVar e : c.getEnv()) {
                    checked++;
                    String why = unread(component, e.getName(), settings, expanded);
                    if (why != null) {
                        unread.add(component + ": " + e.getName() + " " + why);
                    }
                }
            }
        }
        assertTrue(checked > 20, "the chart sets " + checked + " variables");
        return unread;
    }

    /** Null when {@code name} is read, else why it is not. */
    private static String unread(String component, String name, Set<String> settings, String otherValues) throws IOException {
        if (name.startsWith("LOGDOCTOR_KAFKA_")) {
            String property = name.substring("LOGDOCTOR_KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
            return kafkaProperties().contains(property) ? null : "becomes Kafka property " + property + ", which no Kafka client has";
        }
        if (name.startsWith("LOGDOCTOR_")) {
            return settings.stream().anyMatch(s -> envName(s).equals(name)) ? null
                    : "is no setting of `logdoctor " + component + "` (it reads " + settings + ")";
        }
        if (RUNTIME.contains(name) || otherValues.contains("$(" + name + ")") || mentions(MODULES.get(component), name)
                || READERS.get(component).stream().anyMatch(f -> contains(CLI.resolve(f), "\"" + name + "\""))) {
            return null;
        }
        return "is read by nothing in " + component + "'s code";
    }

    /** The setting names (flag names without --) the sources declare (Setting.*) or read through Settings.get/require. */
    private static Set<String> settingsReadBy(String component) throws IOException {
        Set<String> names = new HashSet<>();
        for (String file : READERS.get(component)) {
            Matcher m = SETTING.matcher(Files.readString(CLI.resolve(file)));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        assertTrue(names.contains("bootstrap-server"), "found the settings " + component + " reads: " + names);
        return names;
    }

    /** Settings.envName: LOGDOCTOR_ + the name in upper case with '-' as '_'. */
    private static String envName(String setting) {
        return "LOGDOCTOR_" + setting.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Set<String> kafkaProperties() {
        Set<String> all = new HashSet<>(ProducerConfig.configNames());
        all.addAll(ConsumerConfig.configNames());
        all.addAll(AdminClientConfig.configNames());
        all.addAll(StreamsConfig.configDef().names());
        return all;
    }

    private static boolean mentions(Path sources, String name) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> contains(f, "\"" + name + "\""));
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
