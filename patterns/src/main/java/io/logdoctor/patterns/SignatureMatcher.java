package io.logdoctor.patterns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the signatures a line matches. Thread-safe: compiled patterns are shared, matchers are not.
 * Each signature is reported at most once per line, through the first of its patterns that matches.
 */
public final class SignatureMatcher {

    private final List<Signature> signatures;

    SignatureMatcher(List<Signature> signatures) {
        this.signatures = List.copyOf(signatures);
    }

    /** The matches of {@code line}, in catalogue order; empty for the common case of no failure. */
    public List<Match> match(CharSequence line, LineContext context) {
        List<Match> matches = null;
        for (Signature signature : signatures) {
            if (!signature.scope().admits(context)) {
                continue;
            }
            for (Map.Entry<String, Pattern> pattern : signature.compiled().entrySet()) {
                if (pattern.getValue().matcher(line).find()) {
                    if (matches == null) {
                        matches = new ArrayList<>(2);
                    }
                    matches.add(new Match(signature, pattern.getKey()));
                    break;
                }
            }
        }
        return matches == null ? List.of() : matches;
    }
}
