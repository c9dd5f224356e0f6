package io.logdoctor.patterns.mining;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An online log template miner: Drain's fixed-depth parse tree ({@link ParseTree}) over lines whose
 * variable tokens were masked first ({@link Masker}), with at most {@code maxClusters} templates kept
 * (the least recently used one is forgotten, as Drain3's {@code max_clusters} does), so memory stays
 * bounded however many distinct lines arrive. Not thread-safe: one miner per thread.
 */
public final class TemplateMiner {

    /** Settings: tree depth (Drain's, at least 3), similarity threshold, children per node, cluster cap. */
    public record Settings(int depth, double similarity, int maxChildren, int maxClusters) {

        /** Tuned on the 16 Loghub 2k sets as one setting for all; see BENCHMARKS.md. */
        public static final Settings DEFAULT = new Settings(5, 0.7, 100, 10_000);

        public Settings {
            if (similarity <= 0 || similarity > 1) {
                throw new IllegalArgumentException("similarity must be in (0, 1]; was " + similarity);
            }
            if (maxClusters < 1) {
                throw new IllegalArgumentException("maxClusters must be at least 1; was " + maxClusters);
            }
        }

        public Settings withMaxClusters(int max) {
            return new Settings(depth, similarity, maxChildren, max);
        }
    }

    private final Settings settings;
    private final ParseTree tree;
    private final Map<Integer, Entry> clusters;
    private int nextId = 1;
    private long evicted;

    private record Entry(Template template, List<Template> leaf) {
    }

    public TemplateMiner() {
        this(Settings.DEFAULT);
    }

    public TemplateMiner(Settings settings) {
        this.settings = settings;
        this.tree = new ParseTree(settings.depth(), settings.maxChildren());
        this.clusters = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Entry> eldest) {
                if (size() <= settings.maxClusters()) {
                    return false;
                }
                eldest.getValue().leaf().remove(eldest.getValue().template());
                evicted++;
                return true;
            }
        };
    }

    /** Adds {@code line} to the cluster it belongs to (made if none is similar enough) and returns it. */
    public Template add(String line) {
        return assign(line).template();
    }

    /** Adds {@code line} as {@link #add} does and returns the template it ends in (see {@link Assignment}). */
    public Assignment assign(String line) {
        String[] tokens = Masker.tokens(line);
        List<Template> leaf = tree.leaf(tokens, false);
        Template match = leaf == null ? null : ParseTree.best(leaf, tokens, settings.similarity());
        if (match == null) {
            match = new Template(nextId++, tokens.clone()); // the template widens; the line keeps its own tokens
            leaf = tree.leaf(tokens, true);
            leaf.add(match);
            clusters.put(match.id(), new Entry(match, leaf));
        } else {
            match.merge(tokens);
            clusters.get(match.id()); // touch, for the LRU order
        }
        match.taken();
        return new Assignment(match, match.wordsOf(tokens));
    }

    /** The cluster {@code line} would join, without changing anything; null if it would start a new one. */
    public Template match(String line) {
        String[] tokens = Masker.tokens(line);
        List<Template> leaf = tree.leaf(tokens, false);
        return leaf == null ? null : ParseTree.best(leaf, tokens, settings.similarity());
    }

    /**
     * Where a line's cluster can only be: its token count and first token (or {@code <*>} when that is
     * masked), the first two levels of the tree. Lines with different keys never share a template, so a
     * stream app can partition lines by it and mine each partition alone.
     */
    public static String routingKey(String line) {
        String[] tokens = Masker.tokens(line);
        return tokens.length + " " + (tokens.length == 0 || Masker.isWildcard(tokens[0]) ? Masker.ANY : tokens[0]);
    }

    /** The cluster with this id, or null if there is none (never made, or forgotten by the LRU). */
    public Template get(int id) {
        Entry e = clusters.get(id);
        return e == null ? null : e.template();
    }

    /** The templates kept now, least recently used first. */
    public List<Template> templates() {
        List<Template> out = new ArrayList<>(clusters.size());
        for (Entry e : clusters.values()) {
            out.add(e.template());
        }
        return out;
    }

    /** How many clusters the LRU has forgotten so far. */
    public long evicted() {
        return evicted;
    }
}
