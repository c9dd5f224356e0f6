package io.logdoctor.patterns.mining;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drain's fixed-depth parse tree (He et al., "Drain: An Online Log Parsing Approach with Fixed Depth
 * Tree", ICWS 2017): the first level splits lines by token count, the next {@code depth - 3} levels by
 * their leading tokens (a wildcard token, or any token once a node has {@code maxChildren}, goes to
 * the {@code <*>} child), and each leaf holds a short list of templates searched by similarity.
 */
final class ParseTree {

    private static final class Node {
        final Map<String, Node> children = new HashMap<>(4);
        List<Template> leaf;
    }

    private final Map<Integer, Node> byLength = new HashMap<>();
    private final int prefixLevels;
    private final int maxChildren;

    ParseTree(int depth, int maxChildren) {
        if (depth < 3) {
            throw new IllegalArgumentException("depth must be at least 3 (root, length, leaf); was " + depth);
        }
        if (maxChildren < 2) {
            throw new IllegalArgumentException("maxChildren must be at least 2; was " + maxChildren);
        }
        // Drain3's numbering: root is level 1, token count 2, leading tokens 3 .. depth - 1, the leaf depth
        this.prefixLevels = depth - 3;
        this.maxChildren = maxChildren;
    }

    /** The leaf list {@code tokens} belongs to, created on the way when {@code create}; null if absent. */
    List<Template> leaf(String[] tokens, boolean create) {
        Node node = create ? byLength.computeIfAbsent(tokens.length, n -> new Node()) : byLength.get(tokens.length);
        if (node == null) {
            return null;
        }
        int levels = Math.min(prefixLevels, tokens.length);
        for (int i = 0; i < levels; i++) {
            String token = tokens[i];
            String key = Masker.isWildcard(token) ? Masker.ANY : token;
            Node next = node.children.get(key);
            if (next == null && create) {
                // Drain3's add_seq_to_prefix_tree: a new token gets its own child while there is room,
                // the last slot is kept for <*> so a node never refuses a line
                if (key != Masker.ANY && node.children.size() + (node.children.containsKey(Masker.ANY) ? 0 : 1)
                        < maxChildren) {
                    next = node.children.computeIfAbsent(key, k -> new Node());
                } else {
                    next = node.children.computeIfAbsent(Masker.ANY, k -> new Node());
                }
            } else if (next == null) {
                next = node.children.get(Masker.ANY);
                if (next == null) {
                    return null;
                }
            }
            node = next;
        }
        if (node.leaf == null && create) {
            node.leaf = new ArrayList<>(2);
        }
        return node.leaf;
    }

    /** The most similar template in {@code leaf} at or above {@code threshold}, else null. */
    static Template best(List<Template> leaf, String[] tokens, double threshold) {
        Template best = null;
        double bestSim = -1;
        int bestWild = -1;
        for (Template t : leaf) {
            double sim = t.similarity(tokens);
            if (sim > bestSim) {
                best = t;
                bestSim = sim;
                bestWild = -1;
            } else if (sim == bestSim) {
                if (bestWild < 0) {
                    bestWild = best.wildcards();
                }
                int wild = t.wildcards();
                if (wild > bestWild) {
                    best = t;
                    bestWild = wild;
                }
            }
        }
        return bestSim >= threshold ? best : null;
    }
}
