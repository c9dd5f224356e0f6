package io.logdoctor.patterns;

import com.fasterxml.jackson.core.JacksonException;
import io.logdoctor.records.LogRecord;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads and validates one signature file; every error names the file, line, field and value. */
final class SignatureFileReader {

    private static final Set<String> TOP_LEVEL = Set.of("id", "title", "severity", "scope", "match", "fire",
            "resolve", "cause", "remediation", "references", "refines", "overrides",
            "group_by", "inhibits", "about");
    private static final Set<String> SCOPE_KEYS = Set.of("source", "namespace", "container", "logGroup");
    private static final Pattern ID = Signature.ID;
    private static final Pattern PATTERN_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final GrokLibrary grok;
    private final String file;

    private SignatureFileReader(GrokLibrary grok, String file) {
        this.grok = grok;
        this.file = file;
    }

    /** Reads {@code path}; {@code relative} is its name under the catalogue root, used in errors and for the id. */
    static Signature read(GrokLibrary grok, Path path, String relative) throws IOException {
        SignatureFileReader reader = new SignatureFileReader(grok, relative);
        YamlNode root;
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            root = YamlNode.read(in);
        } catch (YamlNode.DuplicateKeyException e) {
            throw new SignatureException(relative, e.line, e.key, "given twice");
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new SignatureException(relative, line, "(yaml)", "not valid YAML: " + e.getOriginalMessage());
        }
        return reader.signature(root);
    }

    private Signature signature(YamlNode root) {
        if (root.kind() != YamlNode.Kind.MAP) {
            throw error(root, "(root)", "must be a mapping of fields");
        }
        Map<String, YamlNode> fields = root.entries();
        for (Map.Entry<String, YamlNode> field : fields.entrySet()) {
            if (!TOP_LEVEL.contains(field.getKey())) {
                throw error(field.getValue(), field.getKey(), "unknown field; known fields are "
                        + String.join(", ", TOP_LEVEL.stream().sorted().toList()));
            }
        }
        String id = text(root, "id");
        if (!ID.matcher(id).matches()) {
            throw error(fields.get("id"), "id", "must look like area/name in lower case; was '" + id + "'");
        }
        String expected = file.replace('\\', '/').replaceAll("\\.ya?ml$", "");
        if (!id.equals(expected)) {
            throw error(fields.get("id"), "id", "must match the file path '" + expected + "'; was '" + id + "'");
        }
        Map<String, String> patterns = patterns(required(root, "match"));
        Map<String, Map<String, List<String>>> captures = new LinkedHashMap<>();
        Map<String, Pattern> compiled = compile(patterns, fields.get("match"), captures);
        YamlNode fire = optionalMap(root, "fire");
        YamlNode resolve = optionalMap(root, "resolve");
        return new Signature(id,
                text(root, "title"),
                severity(root),
                scope(fields.get("scope")),
                patterns,
                compiled,
                fireRule(fire, patterns),
                resolve == null ? Duration.ofMinutes(15) : duration(resolve, "quiet", "resolve.quiet", Duration.ofMinutes(15)),
                text(root, "cause"),
                textList(root, "remediation"),
                textList(root, "references"),
                refines(fields.get("refines"), id),
                file,
                overrides(fields.get("overrides")),
                new Grouping(groupBy(fields.get("group_by")), inhibits(fields.get("inhibits"))),
                about(fields.get("about"), captures));
    }

    /** {@code group_by: [cluster, node]}: the labels that split this signature's diagnoses into incidents. */
    private Optional<List<String>> groupBy(YamlNode node) {
        return node == null ? Optional.empty() : Optional.of(labels(node, "group_by"));
    }

    /** {@code inhibits: [{signatures: [vpc-cni/*], equal: [cluster, node]}]}. */
    private List<Grouping.Inhibit> inhibits(YamlNode node) {
        if (node == null) {
            return List.of();
        }
        if (node.kind() != YamlNode.Kind.LIST || node.items().isEmpty()) {
            throw error(node, "inhibits", "must be a list of {signatures, equal}; was " + describe(node));
        }
        List<Grouping.Inhibit> rules = new ArrayList<>();
        for (YamlNode item : node.items()) {
            if (item.kind() != YamlNode.Kind.MAP) {
                throw error(item, "inhibits", "every item must be a mapping with signatures and equal; was " + describe(item));
            }
            checkKeys(item, "inhibits", Set.of("signatures", "equal"));
            YamlNode targets = item.entries().get("signatures");
            if (targets == null) {
                throw error(item, "inhibits.signatures", "is required; was missing");
            }
            List<String> signatures = new ArrayList<>();
            for (YamlNode t : targets.kind() == YamlNode.Kind.LIST ? targets.items() : List.of(targets)) {
                String glob = t.text();
                if (t.kind() != YamlNode.Kind.SCALAR || glob == null || !ID.matcher(glob.replace("*", "x")).matches()) {
                    throw error(t, "inhibits.signatures", "must be signature ids or globs such as vpc-cni/*; was " + describe(t));
                }
                signatures.add(glob);
            }
            YamlNode equal = item.entries().get("equal");
            if (equal == null) {
                throw error(item, "inhibits.equal", "is required (the labels that must be the same, such as [cluster, node]); was missing");
            }
            rules.add(new Grouping.Inhibit(signatures, labels(equal, "inhibits.equal")));
        }
        return List.copyOf(rules);
    }

    private List<String> labels(YamlNode node, String field) {
        List<String> labels = new ArrayList<>();
        for (YamlNode item : node.kind() == YamlNode.Kind.LIST ? node.items() : List.of(node)) {
            if (item.kind() != YamlNode.Kind.SCALAR || !Grouping.LABELS.contains(String.valueOf(item.text()))) {
                throw error(item, field, "must be labels among " + Grouping.LABELS.stream().sorted().toList() + "; was " + describe(item));
            }
            labels.add(item.text());
        }
        if (labels.isEmpty()) {
            throw error(node, field, "must name at least one label; was empty");
        }
        return List.copyOf(labels);
    }

    /** {@code overrides: true} lets a pushed file replace the bundled signature of its id; false when absent. */
    private boolean overrides(YamlNode node) {
        if (node == null) {
            return false;
        }
        if (node.kind() != YamlNode.Kind.SCALAR || !("true".equals(node.text()) || "false".equals(node.text()))) {
            throw error(node, "overrides", "must be true or false; was " + describe(node));
        }
        return "true".equals(node.text());
    }

    private Optional<String> refines(YamlNode node, String id) {
        if (node == null) {
            return Optional.empty();
        }
        String target = node.text();
        if (node.kind() != YamlNode.Kind.SCALAR || target == null || !ID.matcher(target).matches() || target.equals(id)) {
            throw error(node, "refines", "must be the id of another signature; was " + describe(node));
        }
        return Optional.of(target);
    }

    private Severity severity(YamlNode root) {
        String value = text(root, "severity");
        try {
            return Severity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error(root.entries().get("severity"), "severity", "must be one of "
                    + String.join(", ", Arrays.stream(Severity.values()).map(Severity::label).toList())
                    + "; was '" + value + "'");
        }
    }

    private Map<String, String> patterns(YamlNode match) {
        if (match.kind() != YamlNode.Kind.MAP || match.entries().isEmpty()) {
            throw error(match, "match", "must map pattern names to Grok expressions; was " + describe(match));
        }
        Map<String, String> patterns = new LinkedHashMap<>();
        match.entries().forEach((name, node) -> {
            String field = "match." + name;
            if (!PATTERN_NAME.matcher(name).matches()) {
                throw error(node, field, "a pattern name must be lower-case letters, digits and dashes; was '" + name + "'");
            }
            if (node.kind() != YamlNode.Kind.SCALAR || node.text() == null || node.text().isBlank()) {
                throw error(node, field, "must be a Grok expression; was " + describe(node));
            }
            patterns.put(name, node.text());
        });
        return patterns;
    }

    /** {@code about: {namespace: "%{ns}", pod: "%{pod}"}}: the object a line is about, from its captures. */
    private About about(YamlNode node, Map<String, Map<String, List<String>>> captures) {
        if (node == null) {
            return About.NONE;
        }
        if (node.kind() != YamlNode.Kind.MAP || node.entries().isEmpty()) {
            throw error(node, "about", "must map scope fields (pod, namespace, node, container, kind, name) to"
                    + " templates of captures such as \"%{pod}\"; was " + describe(node));
        }
        Map<String, String> templates = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<About.From> from = new ArrayList<>();
        node.entries().forEach((key, value) -> {
            if ("from".equals(key)) {
                for (YamlNode item : value.kind() == YamlNode.Kind.LIST ? value.items() : List.of(value)) {
                    from.add(aboutFrom(item));
                }
                return;
            }
            if (value.kind() != YamlNode.Kind.SCALAR || value.text() == null || value.text().isBlank()) {
                throw error(value, "about." + key, "must be a template such as \"%{pod}\"; was " + describe(value));
            }
            templates.put(key, value.text());
            lines.put(key, value.line());
        });
        return About.of(file, templates, captures, from, lines);
    }

    private About.From aboutFrom(YamlNode item) {
        if (item.kind() != YamlNode.Kind.SCALAR || item.text() == null || item.text().isBlank()) {
            throw error(item, "about.from", "must be Grok expressions that capture the object; was " + describe(item));
        }
        try {
            GrokLibrary.Compiled c = grok.compileWithCaptures(item.text());
            return new About.From(c.pattern(), c.groupsOfCapture());
        } catch (IllegalArgumentException e) {
            String reason = e instanceof PatternSyntaxException p ? p.getDescription() : e.getMessage();
            throw error(item, "about.from", "does not compile (" + reason + "); was '" + item.text() + "'");
        }
    }

    private Map<String, Pattern> compile(Map<String, String> patterns, YamlNode match,
                                         Map<String, Map<String, List<String>>> captures) {
        Map<String, Pattern> compiled = new LinkedHashMap<>();
        patterns.forEach((name, expression) -> {
            try {
                GrokLibrary.Compiled c = grok.compileWithCaptures(expression);
                compiled.put(name, c.pattern());
                captures.put(name, c.groupsOfCapture());
            } catch (IllegalArgumentException e) { // java-grok: unknown %{NAME}; PatternSyntaxException: bad regex
                String reason = e instanceof PatternSyntaxException p ? p.getDescription() : e.getMessage();
                throw error(match.entries().get(name), "match." + name,
                        "does not compile (" + reason + "); was '" + expression + "'");
            }
        });
        return compiled;
    }

    private FireRule fireRule(YamlNode fire, Map<String, String> patterns) {
        if (fire == null) {
            return new FireRule(1, Duration.ofMinutes(5), Optional.empty());
        }
        checkKeys(fire, "fire", Set.of("count", "window", "after"));
        int count = 1;
        YamlNode countNode = fire.entries().get("count");
        if (countNode != null) {
            try {
                count = Integer.parseInt(String.valueOf(countNode.text()));
            } catch (NumberFormatException e) {
                count = 0;
            }
            if (count < 1) {
                throw error(countNode, "fire.count", "must be a whole number of at least 1; was '" + countNode.text() + "'");
            }
        }
        Duration window = duration(fire, "window", "fire.window", Duration.ofMinutes(5));
        YamlNode afterNode = fire.entries().get("after");
        Optional<String> after = Optional.empty();
        if (afterNode != null) {
            String name = afterNode.text();
            if (!patterns.containsKey(name)) {
                throw error(afterNode, "fire.after", "must name one of the patterns " + patterns.keySet() + "; was '" + name + "'");
            }
            if (patterns.size() < 2) {
                throw error(afterNode, "fire.after", "needs another pattern to count after '" + name + "'; was the only one");
            }
            after = Optional.of(name);
        }
        return new FireRule(count, window, after);
    }

    private ScopeSelector scope(YamlNode scope) {
        if (scope == null) {
            return ScopeSelector.ANY;
        }
        if (scope.kind() != YamlNode.Kind.MAP) {
            throw error(scope, "scope", "must be a mapping; was " + describe(scope));
        }
        checkKeys(scope, "scope", SCOPE_KEYS);
        Optional<String> source = Optional.empty();
        YamlNode sourceNode = scope.entries().get("source");
        if (sourceNode != null) {
            String value = sourceNode.text();
            if (!LogRecord.SOURCES.contains(value)) {
                throw error(sourceNode, "scope.source", "must be one of " + String.join(", ", LogRecord.SOURCES)
                        + " (k8s takes in the journal, events and EKS control plane too); was '" + value + "'");
            }
            source = Optional.of(value);
        }
        return new ScopeSelector(source, names(scope, "namespace"), names(scope, "container"), names(scope, "logGroup"));
    }

    private Set<String> names(YamlNode scope, String key) {
        YamlNode node = scope.entries().get(key);
        if (node == null) {
            return Set.of();
        }
        List<YamlNode> items = node.kind() == YamlNode.Kind.LIST ? node.items() : List.of(node);
        Set<String> names = new LinkedHashSet<>();
        for (YamlNode item : items) {
            if (item.kind() != YamlNode.Kind.SCALAR || item.text() == null || item.text().isBlank()) {
                throw error(item, "scope." + key, "must be a name or a list of names; was " + describe(item));
            }
            names.add(item.text());
        }
        return Set.copyOf(names);
    }

    private Duration duration(YamlNode parent, String key, String field, Duration fallback) {
        YamlNode node = parent.entries().get(key);
        if (node == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(String.valueOf(node.text()));
        if (node.kind() != YamlNode.Kind.SCALAR || !m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw error(node, field, "must be a positive duration such as 30s, 2m or 1h; was '" + node.text() + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private void checkKeys(YamlNode map, String field, Set<String> known) {
        for (Map.Entry<String, YamlNode> e : map.entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                throw error(e.getValue(), field + "." + e.getKey(), "unknown field; known fields are "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private YamlNode required(YamlNode root, String key) {
        YamlNode node = root.entries().get(key);
        if (node == null) {
            throw error(root, key, "is required; was missing");
        }
        return node;
    }

    private YamlNode optionalMap(YamlNode root, String key) {
        YamlNode node = root.entries().get(key);
        if (node != null && node.kind() != YamlNode.Kind.MAP) {
            throw error(node, key, "must be a mapping; was " + describe(node));
        }
        return node;
    }

    private String text(YamlNode root, String key) {
        YamlNode node = required(root, key);
        if (node.kind() != YamlNode.Kind.SCALAR || node.text() == null || node.text().isBlank()) {
            throw error(node, key, "must be non-empty text; was " + describe(node));
        }
        return node.text().strip();
    }

    private List<String> textList(YamlNode root, String key) {
        YamlNode node = required(root, key);
        if (node.kind() != YamlNode.Kind.LIST || node.items().isEmpty()) {
            throw error(node, key, "must be a non-empty list; was " + describe(node));
        }
        List<String> values = new ArrayList<>();
        for (YamlNode item : node.items()) {
            if (item.kind() != YamlNode.Kind.SCALAR || item.text() == null || item.text().isBlank()) {
                throw error(item, key, "every item must be non-empty text; was " + describe(item));
            }
            values.add(item.text().strip());
        }
        return List.copyOf(values);
    }

    private static String describe(YamlNode node) {
        if (node.kind() != YamlNode.Kind.SCALAR) {
            return node.text();
        }
        return node.text() == null ? "empty" : "'" + node.text() + "'";
    }

    private SignatureException error(YamlNode node, String field, String problem) {
        return new SignatureException(file, node.line(), field, problem);
    }
}
