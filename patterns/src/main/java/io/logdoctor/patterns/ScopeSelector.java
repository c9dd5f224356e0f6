package io.logdoctor.patterns;

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
        return (source.isEmpty() || line.source() == null || source.get().equals(line.source()))
                && allows(namespaces, line.namespace())
                && allows(containers, line.container())
                && allows(logGroups, line.logGroup());
    }

    private static boolean allows(Set<String> wanted, String actual) {
        return wanted.isEmpty() || actual == null || wanted.contains(actual);
    }
}
