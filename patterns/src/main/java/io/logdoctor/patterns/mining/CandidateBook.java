package io.logdoctor.patterns.mining;

import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Redactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The miner plus what a candidate needs beside its template: counts, first and last seen, the scopes it
 * was seen in (at most {@value #MAX_SCOPES} named, all counted), and up to {@value #MAX_EXAMPLES}
 * distinct example lines, redacted before they are kept. Shared by the offline {@code discover} and
 * the streams app. Not thread-safe.
 */
public final class CandidateBook {

    static final int MAX_SCOPES = 20;
    static final int MAX_EXAMPLES = 5;
    static final int EXAMPLE_CHARS = 512;

    private static final class Stats {
        final String id;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final Set<String> scopes = new LinkedHashSet<>();
        int scopeCount;
        final List<String> examples = new ArrayList<>(MAX_EXAMPLES);

        Stats(String id) {
            this.id = id;
        }
    }

    private final TemplateMiner miner;
    private final Map<Integer, Stats> stats = new HashMap<>();
    private long prunedAt;

    public CandidateBook(TemplateMiner.Settings settings) {
        this.miner = new TemplateMiner(settings);
    }

    /** Mines {@code line} seen in {@code scope} at {@code epochMillis}; returns its cluster. */
    public Template observe(String line, String scope, long epochMillis) {
        return assign(line, scope, epochMillis).template();
    }

    /** Mines {@code line} as {@link #observe} does; returns the template the line ends in. */
    public Assignment assign(String line, String scope, long epochMillis) {
        Assignment a = miner.assign(line);
        Template t = a.template();
        Stats s = stats.computeIfAbsent(t.id(), k -> new Stats(idOf(t)));
        if (miner.evicted() - prunedAt > 1024) { // drop the stats of clusters the LRU forgot
            prunedAt = miner.evicted();
            stats.keySet().retainAll(new HashSet<>(miner.templates().stream().map(Template::id).toList()));
        }
        s.first = Math.min(s.first, epochMillis);
        s.last = Math.max(s.last, epochMillis);
        if (scope != null && !s.scopes.contains(scope)) {
            if (s.scopes.size() < MAX_SCOPES) {
                s.scopes.add(scope);
            }
            s.scopeCount++; // past the cap this counts repeats of unnamed scopes too: a lower bound no more
        }
        if (s.examples.size() < MAX_EXAMPLES) {
            String example = Redactor.excerpt(line, EXAMPLE_CHARS);
            if (!s.examples.contains(example)) {
                s.examples.add(example);
            }
        }
        return a;
    }

    /** The candidate of one template, or null if the miner has forgotten it. */
    public Candidate candidate(Template t) {
        Stats s = stats.get(t.id());
        if (s == null || miner.get(t.id()) == null) {
            return null;
        }
        double minutes = Math.max(1.0, (s.last - s.first) / 60_000.0);
        return new Candidate(s.id, t.text(), t.count(), s.first, s.last, new ArrayList<>(s.scopes), s.scopeCount,
                s.examples, t.count() / minutes);
    }

    /** Every candidate, best first (by {@link Candidate#score()}, then count). */
    public List<Candidate> ranked() {
        List<Candidate> out = new ArrayList<>();
        for (Template t : miner.templates()) {
            Candidate c = candidate(t);
            if (c != null) {
                out.add(c);
            }
        }
        out.sort(Candidate.RANKING);
        return out;
    }

    /** The scope a record's candidate counts it in: the diagnosis scope's key (the pod, or the function). */
    public static String scopeOf(LogRecord r) {
        if (LogRecord.SOURCE_LAMBDA.equals(r.source())) {
            return new Diagnosis.Scope(null, null, null, null, null, r.function(), r.logGroup()).key();
        }
        return new Diagnosis.Scope(r.cluster(), r.namespace(), r.pod(), r.node(), r.container(), null, null).key();
    }

    public TemplateMiner miner() {
        return miner;
    }

    /**
     * A candidate's id: a hash of the masked tokens of the line that started the cluster, so it stays the
     * same while the template widens, and two runs that start a cluster from the same line agree on it.
     */
    static String idOf(Template t) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(t.text().getBytes(StandardCharsets.UTF_8));
            return "c-" + HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
