package io.logdoctor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints diagnoses for a person (the default) or as the JSON records of the diagnoses topic. */
final class DiagnosisPrinter {

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
                s.append("    ").append(e.line().length() > 200 ? e.line().substring(0, 200) + "…" : e.line()).append('\n');
            }
        }
        return s.toString();
    }

    private static String where(Diagnosis.Scope scope) {
        if (scope.function() != null || scope.logGroup() != null) {
            return "function " + (scope.function() != null ? scope.function() : scope.logGroup());
        }
        String pod = scope.cluster() + "/" + scope.namespace() + "/" + scope.pod();
        return scope.container() == null ? pod : pod + " (container " + scope.container() + ")";
    }

    private static void wrap(StringBuilder s, String text, String indent) {
        int width = 100;
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > indent.length() && line.length() + word.length() + 1 > width) {
                s.append(line).append('\n');
                line = new StringBuilder(indent + "   ");
            }
            if (line.length() > indent.length() && !line.toString().endsWith(" ")) {
                line.append(' ');
            }
            line.append(word);
        }
        s.append(line).append('\n');
    }
}
