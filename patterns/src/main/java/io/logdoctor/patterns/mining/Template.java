package io.logdoctor.patterns.mining;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One cluster of the miner: its template (tokens, variable parts as typed wildcards such as
 * {@code <NUM>} or {@code <IP>}, or {@code <*>} where lines differed in kind) and how many lines it
 * holds. A live view owned by its {@link TemplateMiner}: read it from the miner's thread.
 *
 * <p>Where lines differed in plain words (no mask), the cluster also remembers the words seen there, up to
 * {@value #FEW_VALUES}: a position that only ever held that few words is more likely a constant that
 * takes a few values (a client name, a state: {@code VM Paused} / {@code VM Resumed}) than a variable,
 * so an {@link Assignment} keeps the line's own word there. One mask or a fifth word there makes it a variable.
 */
public final class Template {

    /** The most distinct words a {@code <*>} position may hold and still be taken for a few-valued constant. */
    static final int FEW_VALUES = 4;

    private static final List<String> MANY = List.of();

    private final int id;
    private final String[] tokens;
    private long count;
    private List<String>[] values; // per position: null while constant, the words seen once <*>, or MANY

    Template(int id, String[] tokens) {
        this.id = id;
        this.tokens = tokens;
    }

    /** The miner-local id, stable for the cluster's life (first come, first numbered). */
    public int id() {
        return id;
    }

    /** The lines this cluster has taken. */
    public long count() {
        return count;
    }

    /** The template, tokens joined by one space. */
    public String text() {
        return String.join(" ", tokens);
    }

    /** A copy of the template's tokens. */
    public String[] tokens() {
        return tokens.clone();
    }

    String[] tokensView() {
        return tokens;
    }

    void taken() {
        count++;
    }

    /**
     * Widens the template to cover {@code line}: a differing token becomes {@code <*>}, except that a
     * decimal and a hex number make {@code <HEX>} (a hex value whose digits happen to be all decimal,
     * such as {@code 00106210}, is masked as a number). The words seen at each {@code <*>} are noted.
     */
    void merge(String[] line) {
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            String w = line[i];
            if (t.equals(w)) {
                continue;
            }
            if (t == Masker.ANY) {
                note(i, w);
            } else if (numbers(t, w)) {
                tokens[i] = Masker.HEX;
            } else {
                tokens[i] = Masker.ANY;
                note(i, t); // the word every earlier line had here
                note(i, w);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void note(int i, String word) {
        if (values == null) {
            values = new List[tokens.length];
        }
        List<String> seen = values[i];
        if (seen == MANY) {
            return;
        }
        if (Masker.isWildcard(word)) {
            values[i] = MANY;
        } else if (seen == null) {
            values[i] = new ArrayList<>(List.of(word));
        } else if (!seen.contains(word)) {
            values[i] = seen.size() == FEW_VALUES ? MANY : seen;
            if (seen.size() < FEW_VALUES) {
                seen.add(word);
            }
        }
    }

    /**
     * The line's words at this template's few-valued positions, as the instances the template keeps (so
     * an {@link Assignment} holds no copy of the line); null where a position is not few-valued, and null
     * in all when none is. A position that is still a constant needs nothing: if it widens later, the
     * line's word there is the first one it noted.
     */
    String[] wordsOf(String[] line) {
        String[] out = null;
        for (int i = 0; values != null && i < tokens.length; i++) {
            if (fewValued(i)) {
                if (out == null) {
                    out = new String[tokens.length];
                }
                int at = values[i].indexOf(line[i]);
                out[i] = at < 0 ? line[i] : values[i].get(at);
            }
        }
        return out;
    }

    /** The word every line had at few-valued position {@code i} while it was a constant. */
    String firstValue(int i) {
        return values[i].get(0);
    }

    /** Whether position {@code i} is a {@code <*>} that has only held a few plain words so far. */
    boolean fewValued(int i) {
        return tokens[i] == Masker.ANY && values != null && values[i] != null && values[i] != MANY;
    }

    private static boolean numbers(String a, String b) {
        return (a.equals(Masker.NUM) || a.equals(Masker.HEX)) && (b.equals(Masker.NUM) || b.equals(Masker.HEX));
    }

    /**
     * Drain's similarity: the share of positions where the line equals the template, a {@code <*>}
     * position counting as no match so a wider template does not win by default (Drain3's
     * {@code get_seq_distance} with {@code include_params=False}); a number and a hex number count as equal.
     */
    double similarity(String[] line) {
        int same = 0;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t != Masker.ANY && t.equals(line[i]) || numbers(t, line[i])) {
                same++;
            }
        }
        return (double) same / tokens.length;
    }

    int wildcards() {
        int n = 0;
        for (String t : tokens) {
            if (t == Masker.ANY) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return id + " x" + count + " " + Arrays.toString(tokens);
    }
}
