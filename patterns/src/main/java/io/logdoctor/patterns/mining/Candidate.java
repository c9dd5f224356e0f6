package io.logdoctor.patterns.mining;

import java.util.Comparator;
import java.util.List;

/**
 * A template of lines no signature explains, as {@code logdoctor discover}, the streams app and the
 * {@code candidates} topic show it: how often, since and until when, in which scopes, a few redacted
 * example lines, and the average rate per minute between first and last seen.
 */
public record Candidate(String id, String template, long count, long firstSeen, long lastSeen, List<String> scopes,
                        int scopeCount, List<String> examples, double ratePerMinute) {

    /** Best first: by {@link #score()}, then by count. */
    public static final Comparator<Candidate> RANKING =
            Comparator.comparingDouble(Candidate::score).thenComparingLong(Candidate::count).reversed();

    public Candidate {
        scopes = List.copyOf(scopes);
        examples = List.copyOf(examples);
    }

    /** The ranking score: an error seen in many scopes outranks a chatty one seen in one. */
    public double score() {
        return (double) count * scopeCount;
    }
}
