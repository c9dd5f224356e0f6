package io.logdoctor.patterns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signature's {@code about:}: the object a matching line is about, read from the pattern's captures, when that is
 * not whoever printed the line. The scheduler prints {@code pod="shop/web-5d9c7b-x2k4p"} about a Pending pod, an
 * event exporter prints the involved object: {@code about: {namespace: "%{ns}", pod: "%{pod}"}} makes the diagnosis
 * name that pod instead of the scheduler's or the exporter's own.
 *
 * <p>The captures come from the pattern that matched or, when it has none of them, from the expressions listed under
 * {@code about.from}, tried in order on the matched line: one shared expression ({@code %{K8S_POD_ABOUT}}) reads the
 * object of the scheduler's, the event exporters' and {@code kubectl get events}' forms for every signature that
 * lists it, so a signature's patterns need not be written once per form. A line where no capture is found keeps the
 * printer's scope: a scope half from the line and half from the printer would name nothing real.
 */
public final class About {

    /** The scope fields {@code about:} may set; {@code kind} and {@code name} become scope attributes. */
    static final Set<String> KEYS = Set.of("namespace", "pod", "node", "container", "kind", "name");
    static final About NONE = new About(Map.of(), Map.of(), List.of());
    private static final Pattern REFERENCE = Pattern.compile("%\\{([^{}:\\s]+)}");

    /** One part of a template: literal text, or the capture named {@code capture}. */
    private record Part(String literal, String capture) {
    }

    /** An expression of {@code about.from} and the regex groups of each of its capture names. */
    record From(Pattern pattern, Map<String, List<String>> groups) {
    }

    private final Map<String, List<Part>> templates;
    private final Map<String, Map<String, List<String>>> groupsByPattern;
    private final List<From> from;

    private About(Map<String, List<Part>> templates, Map<String, Map<String, List<String>>> groupsByPattern, List<From> from) {
        this.templates = templates;
        this.groupsByPattern = groupsByPattern;
        this.from = from;
    }

    /**
     * The {@code about:} of a signature file.
     *
     * @param templates       each scope field's template as written, such as {@code "%{ns}"}
     * @param groupsByPattern per pattern name, the regex groups of each Grok capture name
     * @param from            the expressions of {@code about.from}, in order
     * @param lines           each field's line in the file, for errors
     */
    static About of(String file, Map<String, String> templates, Map<String, Map<String, List<String>>> groupsByPattern,
                    List<From> from, Map<String, Integer> lines) {
        if (!templates.containsKey("pod") && !templates.containsKey("node")) {
            throw new SignatureException(file, lines.values().stream().min(Integer::compare).orElse(1), "about",
                    "must name the pod or the node the line is about (the diagnosis is keyed by one of them); was "
                            + templates.keySet());
        }
        if (templates.containsKey("pod") && !templates.containsKey("namespace")) {
            throw new SignatureException(file, lines.get("pod"), "about.namespace",
                    "is required with about.pod: a pod is named by its namespace and name; was missing");
        }
        Map<String, List<Part>> parsed = new LinkedHashMap<>();
        templates.forEach((key, template) -> {
            String field = "about." + key;
            if (!KEYS.contains(key)) {
                throw new SignatureException(file, lines.get(key), field, "unknown field; known fields are "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
            List<Part> parts = parts(template);
            for (Part part : parts) {
                if (part.capture() != null && groupsByPattern.values().stream().noneMatch(g -> g.containsKey(part.capture()))
                        && from.stream().noneMatch(f -> f.groups().containsKey(part.capture()))) {
                    throw new SignatureException(file, lines.get(key), field, "names the capture '" + part.capture()
                            + "', which neither a pattern under match: nor about.from defines (write it as %{NAME:" + part.capture()
                            + "} or (?<" + part.capture() + ">...)); was '" + template + "'");
                }
            }
            if (parts.stream().allMatch(p -> p.capture() == null)) {
                throw new SignatureException(file, lines.get(key), field,
                        "must use a capture of the patterns, such as \"%{pod}\"; was '" + template + "'");
            }
            parsed.put(key, parts);
        });
        return new About(Map.copyOf(parsed), Map.copyOf(groupsByPattern), List.copyOf(from));
    }

    private static List<Part> parts(String template) {
        List<Part> parts = new ArrayList<>();
        Matcher reference = REFERENCE.matcher(template);
        int last = 0;
        while (reference.find()) {
            if (reference.start() > last) {
                parts.add(new Part(template.substring(last, reference.start()), null));
            }
            parts.add(new Part(null, reference.group(1)));
            last = reference.end();
        }
        if (last < template.length()) {
            parts.add(new Part(template.substring(last), null));
        }
        return List.copyOf(parts);
    }

    /** No {@code about:}: every line is about whoever printed it. */
    public boolean isEmpty() {
        return templates.isEmpty();
    }

    /** The fields {@code about:} sets. */
    public Set<String> keys() {
        return templates.keySet();
    }

    /**
     * The values of a line that pattern {@code pattern} matched ({@code match} holds its groups), else of the first
     * {@code about.from} expression that finds them all in {@code line}; null when none does.
     */
    Map<String, String> resolve(String pattern, Matcher match, CharSequence line) {
        if (templates.isEmpty()) {
            return null;
        }
        Map<String, String> values = values(groupsByPattern.getOrDefault(pattern, Map.of()), match);
        for (int i = 0; values == null && i < from.size(); i++) {
            Matcher found = from.get(i).pattern().matcher(line);
            if (found.find()) {
                values = values(from.get(i).groups(), found);
            }
        }
        return values;
    }

    private Map<String, String> values(Map<String, List<String>> groups, Matcher match) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<Part>> template : templates.entrySet()) {
            StringBuilder value = new StringBuilder();
            for (Part part : template.getValue()) {
                if (part.literal() != null) {
                    value.append(part.literal());
                    continue;
                }
                String captured = captured(groups.getOrDefault(part.capture(), List.of()), match);
                if (captured == null) {
                    return null;
                }
                value.append(captured);
            }
            values.put(template.getKey(), value.toString());
        }
        return Map.copyOf(values);
    }

    /** The first of a capture's groups that took part (a name in two alternatives has two groups). */
    private static String captured(List<String> groups, Matcher match) {
        for (String group : groups) {
            String value = match.group(group);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }
}
