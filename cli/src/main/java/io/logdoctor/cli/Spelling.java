package io.logdoctor.cli;

import java.util.Collection;

/** The known name closest to a misspelt one (Levenshtein distance), for "did you mean ...?". */
final class Spelling {

    private Spelling() {
    }

    /** The candidate at most {@code maxEdits} edits from {@code name} ('_' counted as '-'), the closest first; or null. */
    static String closest(String name, Collection<String> candidates, int maxEdits) {
        String best = null;
        int bestDistance = maxEdits + 1;
        String n = name.replace('_', '-');
        for (String c : candidates) {
            int d = distance(n, c.replace('_', '-'));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
