package io.logdoctor.patterns;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One failure the catalogue knows: what it is, how to recognise it in a line, when it becomes a
 * diagnosis, and what the on-call SRE should do about it.
 *
 * @param patterns the named Grok expressions, in file order, as written
 * @param compiled the same patterns expanded to regular expressions (java-grok does the expansion)
 * @param refines  the more generic signature this one explains, when both are seen in one scope
 * @param overrides the file says {@code overrides: true}: pushed to the signatures topic, it may replace
 *                  the bundled signature of the same id (without it, such a push is refused)
 * @param grouping  its {@code group_by} and {@code inhibits}: how its diagnoses become incidents
 * @param about     its {@code about:}: the object a matching line is about, when not the pod or function that printed it
 */
public record Signature(
        String id,
        String title,
        Severity severity,
        ScopeSelector scope,
        Map<String, String> patterns,
        Map<String, Pattern> compiled,
        FireRule fire,
        Duration resolveQuiet,
        String cause,
        List<String> remediation,
        List<String> references,
        Optional<String> refines,
        String file,
        boolean overrides,
        Grouping grouping,
        About about) {

    /** What a signature id is: {@code <area>/<name>}, lower case, digits and dashes (the catalogue's folder and file). */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*");
}
