package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;

import java.util.List;
import java.util.Set;

/**
 * One routing rule: which diagnoses it takes and where they go. Routes are tried in order and the
 * first that matches wins, unless it says {@code continueMatching}, as in Alertmanager.
 */
public record Route(String name, Match match, List<Destination> to, boolean continueMatching) {

    public Route {
        to = List.copyOf(to);
    }

    /** True if this route takes the diagnosis. */
    public boolean matches(Diagnosis d) {
        return match.test(d);
    }

    /**
     * What a route takes; an empty set means any. A diagnosis matches when every non-empty set
     * matches it: its severity is listed, its namespace is listed, its signature starts with one of
     * the prefixes.
     */
    public record Match(Set<String> severities, Set<String> namespaces, List<String> signaturePrefixes) {

        /** A match that takes everything. */
        public static final Match ANY = new Match(Set.of(), Set.of(), List.of());

        public Match {
            severities = Set.copyOf(severities);
            namespaces = Set.copyOf(namespaces);
            signaturePrefixes = List.copyOf(signaturePrefixes);
        }

        boolean test(Diagnosis d) {
            String namespace = d.scope() == null ? null : d.scope().namespace();
            return (severities.isEmpty() || severities.contains(d.severity()))
                    && (namespaces.isEmpty() || (namespace != null && namespaces.contains(namespace)))
                    && (signaturePrefixes.isEmpty() || (d.signature() != null
                            && signaturePrefixes.stream().anyMatch(d.signature()::startsWith)));
        }
    }
}
