package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Durations;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the routes file. Every error names the file, the key path and the value it got, and
 * unknown keys are errors: a typo such as {@code severty} must not silently route everything.
 */
final class ConfigFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Path file;
    private final Map<String, String> env;

    private ConfigFile(Path file, Map<String, String> env) {
        this.file = file;
        this.env = env;
    }

    Path file() {
        return file;
    }

    static NotifierConfig read(Path file, Map<String, String> env) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("routes file " + file + " does not exist");
        }
        JsonNode root = YAML.readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a mapping with destinations and routes");
        }
        return new ConfigFile(file, env).config(root);
    }

    private NotifierConfig config(JsonNode root) {
        allowOnly(root, "", "groupId", "groupInstanceId", "httpTimeout", "retry", "kafka", "destinations", "routes", "source");
        Map<String, Destination> destinations = destinations(require(root, "", "destinations"));
        List<Route> routes = new ArrayList<>();
        JsonNode list = require(root, "", "routes");
        if (!list.isArray() || list.isEmpty()) {
            throw error("routes", "must be a non-empty list", list);
        }
        for (int i = 0; i < list.size(); i++) {
            routes.add(route("routes[" + i + "]", list.get(i), destinations));
        }
        Map<String, String> kafka = new LinkedHashMap<>();
        JsonNode kafkaNode = root.path("kafka");
        kafkaNode.fields().forEachRemaining(e -> kafka.put(e.getKey(), text("kafka." + e.getKey(), e.getValue())));
        return new NotifierConfig(null,
                root.has("groupId") ? text("groupId", root.get("groupId")) : NotifierConfig.DEFAULT_GROUP_ID,
                groupInstanceId(root.get("groupInstanceId")),
                kafka, routes, retry(root.path("retry")),
                root.has("httpTimeout") ? duration("httpTimeout", root.get("httpTimeout")) : NotifierConfig.DEFAULT_HTTP_TIMEOUT,
                source(root.get("source")));
    }

    /** {@code source: incidents} (the default: one page per incident) or {@code diagnoses} (one per pod). */
    private NotifierConfig.Source source(JsonNode node) {
        if (node == null) {
            return NotifierConfig.Source.INCIDENTS;
        }
        String value = text("source", node);
        for (NotifierConfig.Source s : NotifierConfig.Source.values()) {
            if (s.topic().equals(value)) {
                return s;
            }
        }
        throw error("source", "must be incidents or diagnoses", node);
    }

    private Map<String, Destination> destinations(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            throw error("destinations", "must map names to a destination of one kind (" + DestinationKinds.names() + ")", node);
        }
        Map<String, Destination> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String path = "destinations." + name;
            JsonNode d = e.getValue();
            allowOnly(d, path, DestinationKinds.names().toArray(String[]::new));
            if (d.size() != 1) {
                throw error(path, "must have exactly one of " + String.join(", ", DestinationKinds.names()), d);
            }
            String kind = d.fieldNames().next();
            result.put(name, DestinationKinds.parse(kind, name, new DestinationConfig(this, path + "." + kind, d.get(kind))));
        }
        return result;
    }

    private Route route(String path, JsonNode node, Map<String, Destination> destinations) {
        allowOnly(node, path, "name", "severity", "namespace", "signaturePrefix", "to", "continue");
        Set<String> severities = new LinkedHashSet<>(strings(path + ".severity", node.path("severity")));
        for (String s : severities) {
            if (!Diagnosis.SEVERITIES.contains(s)) { // a route selects by the severities diagnoses carry
                throw new IllegalArgumentException(file + ": " + path + ".severity: must be one of "
                        + String.join(", ", Diagnosis.SEVERITIES) + "; was '" + s + "'");
            }
        }
        List<Destination> to = new ArrayList<>();
        List<String> names = strings(path + ".to", require(node, path, "to"));
        if (names.isEmpty()) {
            throw error(path + ".to", "must name at least one destination", node.get("to"));
        }
        for (String name : names) {
            Destination d = destinations.get(name);
            if (d == null) {
                throw new IllegalArgumentException(file + ": " + path + ".to: unknown destination '" + name
                        + "'; known: " + String.join(", ", destinations.keySet()));
            }
            to.add(d);
        }
        Route.Match match = new Route.Match(severities, new LinkedHashSet<>(strings(path + ".namespace", node.path("namespace"))),
                strings(path + ".signaturePrefix", node.path("signaturePrefix")));
        String name = node.has("name") ? text(path + ".name", node.get("name")) : path;
        return new Route(name, match, to, node.path("continue").asBoolean(false));
    }

    /**
     * The static member id: as written ({@code none} for a dynamic member), else the pod's name: the
     * {@code POD_NAME} variable (the downward API), else {@code HOSTNAME} inside Kubernetes, where it
     * is the pod name. A restarted container keeps its pod's name; outside Kubernetes two notifiers on
     * one host would share a hostname, so there the default is a dynamic member.
     */
    private String groupInstanceId(JsonNode node) {
        if (node != null) {
            String id = text("groupInstanceId", node);
            return id.equals("none") ? null : id;
        }
        String pod = env.get("POD_NAME");
        if (pod != null && !pod.isBlank()) {
            return pod.strip();
        }
        String host = env.get("HOSTNAME");
        return env.containsKey("KUBERNETES_SERVICE_HOST") && host != null && !host.isBlank() ? host.strip() : null;
    }

    private RetryPolicy retry(JsonNode node) {
        if (node.isMissingNode()) {
            return RetryPolicy.DEFAULT;
        }
        allowOnly(node, "retry", "initial", "max", "stuckAfterAttempts");
        RetryPolicy d = RetryPolicy.DEFAULT;
        return new RetryPolicy(
                node.has("initial") ? duration("retry.initial", node.get("initial")) : d.initial(),
                node.has("max") ? duration("retry.max", node.get("max")) : d.max(),
                node.has("stuckAfterAttempts") ? node.get("stuckAfterAttempts").asInt() : d.stuckAfterAttempts());
    }

    /** A scalar or a list of scalars, so {@code severity: critical} and {@code severity: [critical]} both work. */
    private List<String> strings(String path, JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(text(path + "[" + i + "]", node.get(i)));
            }
        } else {
            out.add(text(path, node));
        }
        return out;
    }

    String text(String path, JsonNode node) {
        if (!node.isValueNode() || node.isNull()) {
            throw error(path, "must be a value", node);
        }
        String raw = node.asText();
        Matcher m = VAR.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(file + ": " + path + ": environment variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.strip()));
        }
        m.appendTail(out);
        String value = out.toString().strip();
        if (value.isEmpty()) {
            throw error(path, "must not be empty", node);
        }
        return value;
    }

    URI httpUri(String path, JsonNode node) {
        String value = text(path, node);
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below, without echoing the value: a webhook URL is a credential
        }
        throw new IllegalArgumentException(file + ": " + path + ": must be an http(s) URL");
    }

    /** A duration in the one syntax of every setting ({@link Durations}: 500ms, 10s, 5m, 1h, 1d, or ISO-8601). */
    Duration duration(String path, JsonNode node) {
        String value = text(path, node);
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + path + ": must be a duration such as 500ms, 10s, 5m or 1h; was '" + value + "'");
        }
    }

    JsonNode require(JsonNode node, String path, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(file + ": " + (path.isEmpty() ? "" : path + ".") + key + ": missing");
        }
        return value;
    }

    void allowOnly(JsonNode node, String path, String... keys) {
        if (!node.isObject()) {
            throw error(path.isEmpty() ? "(top level)" : path, "must be a mapping", node);
        }
        Set<String> allowed = Set.of(keys);
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(file + ": " + (path.isEmpty() ? "" : path + ".") + k
                        + ": unknown key; expected one of " + String.join(", ", keys));
            }
        });
    }

    IllegalArgumentException error(String path, String what, JsonNode got) {
        String shown = got == null ? "nothing" : got.isValueNode() ? "'" + got.asText() + "'" : got.getNodeType().name().toLowerCase();
        return new IllegalArgumentException(file + ": " + path + ": " + what + "; was " + shown);
    }
}
