package io.logdoctor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints diagnoses for a person (the default) or as the JSON records of the diagnoses topic. */
final class DiagnosisPrinter {

    private static final int WIDTH = 100;

    private final PrintStream out;
    private final boolean json;

    DiagnosisPrinter(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    void print(Diagnosis d) {
        if (json) {
            try {
                out.println(Json.MAPPER.writeValueAsString(d));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a diagnosis always serializes", e);
            }
            return;
        }
        out.println(readable(d));
        out.flush();
    }

    static String readable(Diagnosis d) {
        StringBuilder s = new StringBuilder();
        s.append(d.status().toUpperCase(Locale.ROOT)).append("  [").append(d.severity()).append("]  ")
                .append(d.signature()).append("  ").append(where(d.scope())).append('\n');
        s.append("  ").append(d.title()).append('\n');
        s.append("  seen ").append(d.count()).append(d.count() == 1 ? " time" : " times")
                .append(", first ").append(d.firstSeen()).append(", last ").append(d.lastSeen())
                .append("   id ").append(d.id()).append('\n');
        if (Diagnosis.FIRING.equals(d.status())) {
            s.append("  cause:\n");
            wrap(s, d.cause(), "    ");
            s.append("  remediation:\n");
            List<String> steps = d.remediation();
            for (int i = 0; i < steps.size(); i++) {
                wrap(s, (i + 1) + ". " + steps.get(i), "    ");
            }
            s.append("  evidence:\n");
            for (Diagnosis.Evidence e : d.evidence()) {
                String line = e.line().length() > 160 ? e.line().substring(0, 160) + "…" : e.line();
                s.append("    ").append(e.ts() == null ? "" : e.ts() + "  ").append(line).append('\n');
            }
        }
        return s.toString();
    }

    private static String where(Diagnosis.Scope scope) {
        if (scope.function() != null || scope.logGroup() != null) {
            return "function " + (scope.function() != null ? scope.function() : scope.logGroup());
        }
        if (scope.namespace() == null && scope.pod() == null && scope.node() != null) {
            return scope.cluster() + " node " + scope.node();
        }
        String pod = scope.cluster() + "/" + scope.namespace() + "/" + scope.pod();
        Map<String, String> attributes = scope.attributes() == null ? Map.of() : scope.attributes();
        if (attributes.containsKey("reporter")) { // named by the line's about:, printed by someone else
            return pod + " (workload " + attributes.getOrDefault("owner", scope.pod()) + ", reported by " + attributes.get("reporter") + ")";
        }
        return scope.container() == null ? pod : pod + " (container " + scope.container() + ")";
    }

    /** Wraps {@code text} at about 100 columns; continuation lines hang under the text, not the step number. */
    private static void wrap(StringBuilder s, String text, String indent) {
        String hanging = indent + " ".repeat(text.matches("\\d+\\. .*") ? text.indexOf(' ') + 1 : 0);
        StringBuilder line = new StringBuilder(indent);
        int lineStart = indent.length();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > lineStart && line.length() + word.length() + 1 > WIDTH) {
                s.append(line).append('\n');
                line = new StringBuilder(hanging);
                lineStart = hanging.length();
            }
            if (line.length() > lineStart) {
                line.append(' ');
            }
            line.append(word);
        }
        s.append(line).append('\n');
    }
}
