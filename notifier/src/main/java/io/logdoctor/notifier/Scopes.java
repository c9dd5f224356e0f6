package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;

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
        String extra = (s.container() != null ? "container " + s.container() : "")
                + (s.container() != null && s.node() != null ? ", " : "")
                + (s.node() != null ? "node " + s.node() : "");
        if (!extra.isEmpty()) {
            out.append(" (").append(extra).append(')');
        }
        return out.toString();
    }

    /** The affected system, for PagerDuty's {@code source}: the pod or the function. */
    static String source(Diagnosis.Scope s) {
        return s == null ? "unknown" : s.key();
    }
}
