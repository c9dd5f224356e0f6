package io.logdoctor.patterns;

import io.logdoctor.records.LogRecord;
import java.util.Optional;
import java.util.Set;

/**
 * Where a signature's patterns apply. A line is skipped only when its own metadata contradicts a
 * selector; a line that does not say (a raw line piped into {@code logdoctor match}) is kept.
 */
public record ScopeSelector(Optional<String> source, Set<String> namespaces, Set<String> containers,
                            Set<String> logGroups) {

    /** A selector that admits every line. */
    public static final ScopeSelector ANY = new ScopeSelector(Optional.empty(), Set.of(), Set.of(), Set.of());

    /** True when the line's metadata does not rule this signature out. */
    public boolean admits(LineContext line) {
        return (source.isEmpty() || line.source() == null || sourceAdmits(source.get(), line.source()))
                && allows(namespaces, line.namespace())
                && allows(containers, line.container())
                && allows(logGroups, line.logGroup());
    }

    /**
     * {@code k8s} names the Kubernetes family: container logs and what the node and the cluster write about
     * them (the journal, Events, the EKS control plane), so a kubernetes/* signature fires on each form.
     * Any other kind admits itself only.
     */
    static boolean sourceAdmits(String wanted, String actual) {
        return wanted.equals(actual) || LogRecord.SOURCE_K8S.equals(wanted) && KUBERNETES.contains(actual);
    }

    private static final Set<String> KUBERNETES = Set.of(LogRecord.SOURCE_K8S, LogRecord.SOURCE_JOURNALD,
            LogRecord.SOURCE_K8S_EVENT, LogRecord.SOURCE_EKS_CONTROL_PLANE);

    private static boolean allows(Set<String> wanted, String actual) {
        return wanted.isEmpty() || actual == null || wanted.contains(actual);
    }
}
