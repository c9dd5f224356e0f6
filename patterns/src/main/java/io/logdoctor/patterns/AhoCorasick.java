package io.logdoctor.patterns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds every occurrence of many keywords in one pass over a text (Aho and Corasick, 1975), so a
 * line costs one table step per character however many signatures the catalogue holds.
 *
 * <p>The automaton is a full DFA: failure links are folded into the transition table when it is
 * built, so scanning never follows a failure chain. Characters are UTF-16 code units, like
 * {@link CharSequence}, so non-ASCII keywords (surrogate pairs included) work unchanged. Columns are
 * the distinct characters of the keywords plus one for "any other character", which keeps the table
 * small: about (keyword characters) x (distinct characters) ints.
 */
final class AhoCorasick {

    /** Receives each occurrence: the keyword's index in the list given at build time, and where it ends (exclusive). */
    @FunctionalInterface
    interface Hits {
        void hit(int keyword, int end);
    }

    private static final int ROOT = 0;
    private static final int NONE = -1;

    /** Column of each UTF-16 code unit; 0 for a character that occurs in no keyword. */
    private final char[] columnOf;
    private final int columns;
    /** next[state * columns + column]: the state after reading a character. */
    private final int[] next;
    /** The keywords that end in each state, its failure chain's included; null for most states. */
    private final int[][] endingHere;

    /** @throws IllegalArgumentException for an empty keyword, which would occur everywhere */
    AhoCorasick(List<String> keywords) {
        columnOf = new char[Character.MAX_VALUE + 1];
        int distinct = 0;
        int totalLength = 0;
        for (String keyword : keywords) {
            if (keyword.isEmpty()) {
                throw new IllegalArgumentException("an empty keyword occurs everywhere; keywords were " + keywords);
            }
            totalLength += keyword.length();
            for (int i = 0; i < keyword.length(); i++) {
                char c = keyword.charAt(i);
                if (columnOf[c] == 0) {
                    columnOf[c] = (char) ++distinct;
                }
            }
        }
        columns = distinct + 1;
        int[] table = new int[(totalLength + 1) * columns];
        Arrays.fill(table, NONE);
        List<List<Integer>> outputs = new ArrayList<>();
        outputs.add(new ArrayList<>());
        int states = 1;
        for (int k = 0; k < keywords.size(); k++) { // the trie
            int state = ROOT;
            for (char c : keywords.get(k).toCharArray()) {
                int slot = state * columns + columnOf[c];
                if (table[slot] == NONE) {
                    table[slot] = states++;
                    outputs.add(new ArrayList<>());
                }
                state = table[slot];
            }
            outputs.get(state).add(k);
        }
        next = Arrays.copyOf(table, states * columns);
        endingHere = new int[states][];
        foldFailureLinks(states, outputs);
    }

    /**
     * Breadth first, so a state's failure target (a shorter suffix) is complete before the state itself:
     * a missing transition becomes the failure target's transition, and a state inherits the keywords
     * its failure target ends.
     */
    private void foldFailureLinks(int states, List<List<Integer>> outputs) {
        int[] failure = new int[states];
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int c = 0; c < columns; c++) {
            int child = next[c];
            if (child == NONE) {
                next[c] = ROOT;
            } else {
                failure[child] = ROOT;
                queue[tail++] = child;
            }
        }
        while (head < tail) {
            int state = queue[head++];
            outputs.get(state).addAll(outputs.get(failure[state]));
            for (int c = 0; c < columns; c++) {
                int slot = state * columns + c;
                int viaFailure = next[failure[state] * columns + c];
                if (next[slot] == NONE) {
                    next[slot] = viaFailure;
                } else {
                    failure[next[slot]] = viaFailure;
                    queue[tail++] = next[slot];
                }
            }
        }
        for (int s = 0; s < states; s++) {
            List<Integer> out = outputs.get(s);
            endingHere[s] = out.isEmpty() ? null : out.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Reports every occurrence of every keyword in {@code text}, in order of where they end. */
    void scan(CharSequence text, Hits hits) {
        int state = ROOT;
        for (int i = 0, n = text.length(); i < n; i++) {
            state = next[state * columns + columnOf[text.charAt(i)]];
            int[] ending = endingHere[state];
            if (ending != null) {
                for (int keyword : ending) {
                    hits.hit(keyword, i + 1);
                }
            }
        }
    }

    /** How many states the automaton has; for tests and the benchmark's notes. */
    int states() {
        return endingHere.length;
    }
}
