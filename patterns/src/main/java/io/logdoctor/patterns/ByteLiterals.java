package io.logdoctor.patterns;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds many literals in bytes (UTF-8 text or a JSON record) with a skip loop (Wu and Manber, "A fast
 * algorithm for multi-pattern searching", 1994), so most bytes of a line are never looked at: where the
 * Aho-Corasick automaton takes one table step per character, this takes one per several bytes when the
 * text holds nothing like the literals' beginnings, which is almost always.
 *
 * <p>A pass looks at windows of {@code m} bytes, {@code m} its shortest literal's length (at most 16),
 * and hashes the block of {@code B} bytes that ends the window: if no literal has that block within its
 * first {@code m} bytes, no occurrence can end its window in the next {@code m - B + 1} positions, so it
 * jumps (less when the block sits nearer a literal's window end). A block that ends some literal's
 * window (shift 0) is checked against those literals in full. Exact: every occurrence is reported, no
 * other.
 *
 * The block is 4 bytes for a window of 8 or more, 2 for 4 to 7, 1 below; each jump waits for one table
 * read, so two halves of the text are walked at once (about 1.5x the bytes per second).
 *
 * <p>One short literal would shorten every jump, so literals are grouped by length (8 bytes and more, 4
 * to 7, shorter), one pass per group that has any: the short groups are usually a handful, and one with
 * at most four first bytes is searched by those ({@link FirstByteSearch}) instead.
 */
final class ByteLiterals {

    /** Receives each occurrence: the literal's index in the list given, and the byte where it starts. */
    @FunctionalInterface
    interface Hits {
        void hit(int literal, int start);
    }

    /** One walk over the text for some of the literals. */
    interface Pass {
        /** Reports each occurrence in {@code text[from, to)} to {@code hits}; with none, says at the first whether there is one. */
        boolean scan(byte[] text, int from, int to, Hits hits);
    }

    /** The shortest literal of each group: one walk with a window of 8 beat two (16, 8) on the corpus (BENCHMARKS.md). */
    private static final int[] GROUPS = {8, 4, 1};
    private static final int MAX_WINDOW = 16;
    /** Below this the skip loop jumps too little: a group of shorter literals with few first bytes is searched by those. */
    private static final int SKIP_WORTH = 8;
    /** The hash tables' size: a quarter full at most, and small enough for the first-level cache where it can be. */
    private static final int MIN_TABLE_BITS = 8;
    private static final int MAX_TABLE_BITS = 16;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final Pass[] passes;

    private ByteLiterals(Pass[] passes) {
        this.passes = passes;
    }

    /** @throws IllegalArgumentException for an empty literal, which would occur everywhere */
    static ByteLiterals of(List<byte[]> literals) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int g = 0; g < GROUPS.length; g++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < literals.size(); i++) {
            int length = literals.get(i).length;
            if (length == 0) {
                throw new IllegalArgumentException("an empty literal occurs everywhere (literal " + i + " of " + literals.size() + ")");
            }
            int g = 0;
            while (length < GROUPS[g]) {
                g++;
            }
            groups.get(g).add(i);
        }
        List<Pass> passes = new ArrayList<>();
        for (List<Integer> group : groups) {
            if (group.isEmpty()) {
                continue;
            }
            boolean shortOnes = literals.get(group.get(0)).length < SKIP_WORTH;
            passes.add(shortOnes && FirstByteSearch.firstBytes(literals, group) <= FirstByteSearch.MAX_FIRST_BYTES
                    ? new FirstByteSearch(literals, group) : new SkipLoop(literals, group));
        }
        return new ByteLiterals(passes.toArray(Pass[]::new));
    }

    /** True if any literal occurs in {@code text[from, to)}. */
    boolean anyIn(byte[] text, int from, int to) {
        for (Pass pass : passes) {
            if (pass.scan(text, from, to, null)) {
                return true;
            }
        }
        return false;
    }

    /** Reports every occurrence in {@code text[from, to)}, in no particular order. */
    void scan(byte[] text, int from, int to, Hits hits) {
        for (Pass pass : passes) {
            pass.scan(text, from, to, hits);
        }
    }

    /** One skip loop over literals of similar length. */
    private static final class SkipLoop implements Pass {
        private final byte[][] literals;
        private final int[] ids;
        private final int window;
        private final int block;
        private final int hashShift;
        /** By the hash of the block ending the window: how far the window may move. */
        private final byte[] shift;
        /** By the same hash: the literals (indexes into {@link #literals}) whose window ends with such a block. */
        private final int[][] ending;

        SkipLoop(List<byte[]> all, List<Integer> chosen) {
            literals = new byte[chosen.size()][];
            ids = new int[chosen.size()];
            int shortest = Integer.MAX_VALUE;
            for (int k = 0; k < chosen.size(); k++) {
                ids[k] = chosen.get(k);
                literals[k] = all.get(ids[k]);
                shortest = Math.min(shortest, literals[k].length);
            }
            window = Math.min(shortest, MAX_WINDOW);
            block = window >= 8 ? 4 : window >= 4 ? 2 : 1;
            // each literal puts (window - block + 1) blocks in the table; every step of the loop waits for one read of it
            int entries = literals.length * (window - block + 1);
            int bits = Math.max(MIN_TABLE_BITS, Math.min(MAX_TABLE_BITS, 34 - Integer.numberOfLeadingZeros(entries)));
            hashShift = 32 - bits;
            shift = new byte[1 << bits];
            ending = new int[1 << bits][];
            Arrays.fill(shift, (byte) (window - block + 1));
            Map<Integer, List<Integer>> endingLists = new HashMap<>();
            for (int k = 0; k < literals.length; k++) {
                for (int q = block; q <= window; q++) { // the block ending at window position q (1-based) allows window - q
                    int h = hash(literals[k], q - 1);
                    shift[h] = (byte) Math.min(shift[h], window - q);
                    if (q == window) {
                        List<Integer> l = endingLists.computeIfAbsent(h, x -> new ArrayList<>(2));
                        if (!l.contains(k)) {
                            l.add(k);
                        }
                    }
                }
            }
            endingLists.forEach((h, l) -> ending[h] = l.stream().mapToInt(Integer::intValue).toArray());
        }

        /** The hash of the {@code block} bytes ending at {@code end} (inclusive). */
        private int hash(byte[] b, int end) {
            int v = block == 4 ? (int) INT.get(b, end - 3) : block == 2 ? (short) SHORT.get(b, end - 1) & 0xffff : b[end] & 0xff;
            return (v * 0x9E3779B1) >>> hashShift;
        }

        /**
         * Reports each occurrence to {@code hits}; with none, stops at the first and says whether there was one.
         * Two halves of the text are walked at once: each jump waits for one table read, and two independent
         * walks let the processor overlap those waits (about twice the bytes per second on long texts).
         */
        @Override
        public boolean scan(byte[] text, int from, int to, Hits hits) {
            int mid = from + (to - from) / 2;
            int a = from + window - 1; // where the first window of each half ends
            int b = mid + window - 1;
            int aEnd = Math.min(b, to); // the first half: windows starting before mid
            boolean found = false;
            while (a < aEnd && b < to) {
                int sa = shift[hash(text, a)];
                int sb = shift[hash(text, b)];
                if ((sa == 0 || sb == 0)) {
                    if (sa == 0) {
                        if (check(text, a, to, hits)) {
                            if (hits == null) {
                                return true;
                            }
                            found = true;
                        }
                        sa = 1;
                    }
                    if (sb == 0) {
                        if (check(text, b, to, hits)) {
                            if (hits == null) {
                                return true;
                            }
                            found = true;
                        }
                        sb = 1;
                    }
                }
                a += sa;
                b += sb;
            }
            return walk(text, a, aEnd, to, hits) | walk(text, b, to, to, hits) | found;
        }

        /** One walk: windows ending at {@code i} up to {@code end}, literals up to {@code to}. */
        private boolean walk(byte[] text, int i, int end, int to, Hits hits) {
            boolean found = false;
            while (i < end) {
                int s = shift[hash(text, i)];
                if (s != 0) {
                    i += s;
                    continue;
                }
                if (check(text, i, to, hits)) {
                    if (hits == null) {
                        return true;
                    }
                    found = true;
                }
                i++;
            }
            return found;
        }

        /** Checks the literals whose window may end at {@code i}; reports them, or with no receiver stops at one. */
        private boolean check(byte[] text, int i, int to, Hits hits) {
            int start = i - window + 1;
            boolean found = false;
            for (int k : ending[hash(text, i)]) {
                if (occursAt(literals[k], text, start, to)) {
                    if (hits == null) {
                        return true;
                    }
                    hits.hit(ids[k], start);
                    found = true;
                }
            }
            return found;
        }

        private static boolean occursAt(byte[] literal, byte[] text, int start, int to) {
            return to - start >= literal.length && Arrays.equals(literal, 0, literal.length, text, start, start + literal.length);
        }
    }
}
