package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How a diagnosis scope reads in a message and names a PagerDuty source. */
final class Scopes {

    private Scopes() {
    }

    /**
     * {@code cluster/namespace/pod (container c, node n)}, {@code node n of cluster c (journald)} for a node's own
     * failure, or {@code lambda function f (log group g)}.
     */
    static String describe(Diagnosis.Scope s) {
        if (s == null) {
            return "unknown scope";
        }
        if (s.function() != null || s.logGroup() != null) {
            return "lambda function " + (s.function() != null ? s.function() : "?")
                    + (s.logGroup() != null ? " (log group " + s.logGroup() + ")" : "");
        }
        if (s.pod() == null && s.node() != null) {
            return "node " + s.node() + " of cluster " + s.cluster() + (s.source() != null ? " (" + s.source() + ")" : "");
        }
        StringBuilder out = new StringBuilder(s.key());
        List<String> extra = new ArrayList<>();
        Map<String, String> attributes = s.attributes() == null ? Map.of() : s.attributes();
        if (attributes.containsKey("owner")) {
            extra.add("workload " + attributes.get("owner"));
        }
        if (s.container() != null) {
            extra.add("container " + s.container());
        }
        if (s.node() != null) {
            extra.add("node " + s.node());
        }
        if (attributes.containsKey("reporter")) {
            extra.add("reported by " + attributes.get("reporter")); // the scheduler or event exporter that printed it
        }
        if (!extra.isEmpty()) {
            out.append(" (").append(String.join(", ", extra)).append(')');
        }
        return out.toString();
    }

    /** The affected system, for PagerDuty's {@code source}: the pod or the function. */
    static String source(Diagnosis.Scope s) {
        return s == null ? "unknown" : s.key();
    }
}
