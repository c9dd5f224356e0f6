package io.logdoctor.patterns;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds a few short literals that begin with at most {@value #MAX_FIRST_BYTES} distinct bytes: eight bytes
 * of text at a time are tested for those first bytes at once (the "has a zero byte" test of Hacker's
 * Delight, section 6-1), and only where one occurs are the literals compared. A skip loop cannot jump
 * far over 2- or 3-byte literals; this costs a few instructions per eight bytes when the first bytes
 * are rare in the text (such as {@code E F x X} for the error hints).
 */
final class FirstByteSearch implements ByteLiterals.Pass {

    static final int MAX_FIRST_BYTES = 4;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final byte[][] literals;
    private final int[] ids;
    /** Each first byte repeated in all eight lanes. */
    private final long[] firstBytes;
    /** By a byte's value: the literals (indexes into {@link #literals}) that begin with it, or null. */
    private final int[][] beginningWith = new int[256][];

    FirstByteSearch(List<byte[]> all, List<Integer> chosen) {
        literals = new byte[chosen.size()][];
        ids = new int[chosen.size()];
        List<List<Integer>> lists = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            lists.add(new ArrayList<>());
        }
        for (int k = 0; k < chosen.size(); k++) {
            ids[k] = chosen.get(k);
            literals[k] = all.get(ids[k]);
            lists.get(literals[k][0] & 0xff).add(k);
        }
        List<Long> lanes = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            if (!lists.get(b).isEmpty()) {
                beginningWith[b] = lists.get(b).stream().mapToInt(Integer::intValue).toArray();
                lanes.add(b * ONES);
            }
        }
        if (lanes.size() > MAX_FIRST_BYTES) {
            throw new IllegalArgumentException(lanes.size() + " first bytes; at most " + MAX_FIRST_BYTES);
        }
        firstBytes = lanes.stream().mapToLong(Long::longValue).toArray();
    }

    /** How many distinct first bytes these literals have. */
    static long firstBytes(List<byte[]> all, List<Integer> chosen) {
        return chosen.stream().mapToInt(k -> all.get(k)[0] & 0xff).distinct().count();
    }

    @Override
    public boolean scan(byte[] text, int from, int to, ByteLiterals.Hits hits) {
        boolean found = false;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONG.get(text, i);
            long m = 0;
            for (long lane : firstBytes) {
                long t = x ^ lane;
                m |= (t - ONES) & ~t & HIGHS;
            }
            // a flagged byte may be a false alarm just above a true one (the borrow); the comparison settles it
            while (m != 0) {
                int at = i + (Long.numberOfTrailingZeros(m) >>> 3);
                if (check(text, at, to, hits)) {
                    if (hits == null) {
                        return true;
                    }
                    found = true;
                }
                m &= m - 1;
            }
        }
        for (; i < to; i++) {
            if (check(text, i, to, hits)) {
                if (hits == null) {
                    return true;
                }
                found = true;
            }
        }
        return found;
    }

    private boolean check(byte[] text, int at, int to, ByteLiterals.Hits hits) {
        int[] candidates = beginningWith[text[at] & 0xff];
        if (candidates == null) {
            return false;
        }
        boolean found = false;
        for (int k : candidates) {
            byte[] lit = literals[k];
            if (to - at >= lit.length && Arrays.equals(lit, 0, lit.length, text, at, at + lit.length)) {
                if (hits == null) {
                    return true;
                }
                hits.hit(ids[k], at);
                found = true;
            }
        }
        return found;
    }
}
