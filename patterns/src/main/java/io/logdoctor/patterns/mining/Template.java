package io.logdoctor.patterns.mining;

import java.util.Arrays;

/**
 * One cluster of the miner: its template (tokens, variable parts as typed wildcards such as
 * {@code <NUM>} or {@code <IP>}, or {@code <*>} where lines differed in kind) and how many lines it
 * holds. A live view owned by its {@link TemplateMiner}: read it from the miner's thread.
 */
public final class Template {

    private final int id;
    private final String[] tokens;
    private long count;

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
     * such as {@code 00106210}, is masked as a number).
     */
    void merge(String[] line) {
        for (int i = 0; i < tokens.length; i++) {
            if (!tokens[i].equals(line[i])) {
                tokens[i] = numbers(tokens[i], line[i]) ? Masker.HEX : Masker.ANY;
            }
        }
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
