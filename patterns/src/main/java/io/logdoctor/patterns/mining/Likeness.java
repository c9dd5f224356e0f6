package io.logdoctor.patterns.mining;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.Objects;

/**
 * How much a line looks like some reference lines (a signature's fixtures), cheaply and whatever their
 * lengths: both are masked as the miner masks them (numbers, ids, addresses, quantities become typed
 * wildcards), and the score is the number of tokens they share, counted as multisets, over the token
 * count of the longer one. It is Drain's similarity without its same-length, same-position condition,
 * so {@code ERROR shard 3 refused read} and {@code ERROR shard 12 refused write after 3ms} score 4/6.
 *
 * <p>Each reference also has an <em>anchor</em>: its longest plain ASCII word of at least
 * {@value #ANCHOR_CHARS} characters (no quote, backslash or mask), which a line must contain to be
 * compared at all, so most lines cost one substring search per reference. Not thread-safe.
 */
public final class Likeness {

    /** The score at which a line counts as like a reference: the miner's own similarity threshold. */
    public static final double THRESHOLD = TemplateMiner.Settings.DEFAULT.similarity();

    static final int ANCHOR_CHARS = 4;

    /** The reference a line is most like and its score in [0, 1]. */
    public record Closest(int index, String reference, double score) {
    }

    private final List<String> references;
    private final List<Map<String, Integer>> bags = new ArrayList<>();
    private final int[] sizes;
    private final String[] anchors;
    private final String[] distinctAnchors; // searched in records: several references often share one
    private final boolean unanchored;

    /** Compares lines against {@code references} (fixture lines, in file order). */
    public Likeness(List<String> references) {
        this.references = List.copyOf(references);
        this.sizes = new int[references.size()];
        this.anchors = new String[references.size()];
        for (int i = 0; i < references.size(); i++) {
            String[] tokens = Masker.tokens(references.get(i));
            bags.add(bag(tokens));
            sizes[i] = tokens.length;
            anchors[i] = anchor(references.get(i));
        }
        this.distinctAnchors = Arrays.stream(anchors).filter(Objects::nonNull).distinct()
                .toArray(String[]::new);
        this.unanchored = Arrays.asList(anchors).contains(null);
    }

    /** The reference lines. */
    public List<String> references() {
        return references;
    }

    /** The anchor of each reference (null where a reference has no word fit to be one). */
    public List<String> anchors() {
        List<String> out = new ArrayList<>(anchors.length);
        for (String a : anchors) {
            out.add(a);
        }
        return out;
    }

    /**
     * Whether {@code text} (a line, or the JSON of a record) holds the anchor of some reference; always
     * true when a reference has no anchor, since nothing then rules a line out.
     */
    public boolean mayResemble(CharSequence text) {
        if (unanchored) {
            return true;
        }
        for (String a : distinctAnchors) {
            if (contains(text, a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The reference {@code line} is most like among those whose anchor it holds (references without
     * an anchor are always compared); null if it holds none, or there are no references.
     */
    public Closest closest(String line) {
        return closest(line, true);
    }

    /** The reference {@code line} is most like, anchors or not; null if there are no references. */
    public Closest closestOfAll(String line) {
        return closest(line, false);
    }

    private Closest closest(String line, boolean anchored) {
        String[] tokens = null;
        Map<String, Integer> bag = null;
        Closest best = null;
        for (int i = 0; i < anchors.length; i++) {
            if (anchored && anchors[i] != null && !line.contains(anchors[i])) {
                continue;
            }
            if (tokens == null) {
                tokens = Masker.tokens(line);
                bag = bag(tokens);
            }
            double score = score(bag, tokens.length, bags.get(i), sizes[i]);
            if (best == null || score > best.score()) {
                best = new Closest(i, references.get(i), score);
            }
        }
        return best;
    }

    private static double score(Map<String, Integer> a, int sizeA, Map<String, Integer> b, int sizeB) {
        int shared = 0;
        for (Map.Entry<String, Integer> e : a.entrySet()) {
            Integer other = b.get(e.getKey());
            if (other != null) {
                shared += Math.min(other, e.getValue());
            }
        }
        int longer = Math.max(sizeA, sizeB);
        return longer == 0 ? 0 : (double) shared / longer;
    }

    private static Map<String, Integer> bag(String[] tokens) {
        Map<String, Integer> bag = new HashMap<>(tokens.length * 2);
        for (String t : tokens) {
            bag.merge(t, 1, Integer::sum);
        }
        return bag;
    }

    /** The longest word of the raw line fit to be searched for in a record's JSON, else null. */
    static String anchor(String line) {
        String best = null;
        for (String word : line.split("[^A-Za-z0-9_.:/-]+")) {
            if (word.length() >= ANCHOR_CHARS && (best == null || word.length() > best.length())
                    && !Masker.isWildcard(Masker.mask(word, 0, word.length()))) {
                best = word;
            }
        }
        return best;
    }

    private static boolean contains(CharSequence text, String word) {
        int n = text.length() - word.length();
        char first = word.charAt(0);
        for (int i = 0; i <= n; i++) {
            if (text.charAt(i) != first) {
                continue;
            }
            int j = 1;
            while (j < word.length() && text.charAt(i + j) == word.charAt(j)) {
                j++;
            }
            if (j == word.length()) {
                return true;
            }
        }
        return false;
    }
}
