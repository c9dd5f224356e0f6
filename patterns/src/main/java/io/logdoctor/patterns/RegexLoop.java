package io.logdoctor.patterns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The matcher as it was before the prefilter: every admitted signature's patterns, tried with
 * {@code find()} on every line. Kept as the reference the fast path must agree with (the equivalence
 * test) and as the benchmark's "before" figure; never used on a stream.
 */
final class RegexLoop {

    private RegexLoop() {
    }

    static List<Match> match(List<Signature> signatures, CharSequence line, LineContext context) {
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
