package io.logdoctor.cli;

/**
 * The timestamps container runtimes write ({@code 2024-05-01T12:34:56.123456789Z} or with a {@code +hh:mm}
 * offset, a valid date and time), recognised in ASCII bytes. A subset of RFC 3339 (what the shipper's
 * CRI reader accepts), so true means the reader takes the time; false only means "not sure".
 */
final class Rfc3339Bytes {

    private Rfc3339Bytes() {
    }

    static boolean isCommon(byte[] t, int from, int to) {
        int n = to - from;
        if (n < 20 || t[from + 4] != '-' || t[from + 7] != '-' || t[from + 10] != 'T' || t[from + 13] != ':'
                || t[from + 16] != ':') {
            return false;
        }
        int year = number(t, from, 4);
        int month = number(t, from + 5, 2);
        int day = number(t, from + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lastDay(year, month)
                || !within(t, from + 11, 23) || !within(t, from + 14, 59) || !within(t, from + 17, 59)) {
            return false;
        }
        int i = from + 19;
        if (t[i] == '.') {
            int digits = ++i;
            while (i < to && t[i] >= '0' && t[i] <= '9') {
                i++;
            }
            if (i == digits || i - digits > 9) {
                return false;
            }
        }
        if (i == to - 1) {
            return t[i] == 'Z';
        }
        return i == to - 6 && (t[i] == '+' || t[i] == '-') && t[i + 3] == ':' && within(t, i + 1, 17) && within(t, i + 4, 59);
    }

    /** Two digits at {@code at} making at most {@code max}. */
    private static boolean within(byte[] t, int at, int max) {
        int v = number(t, at, 2);
        return v >= 0 && v <= max;
    }

    private static int number(byte[] t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            if (t[i] < '0' || t[i] > '9') {
                return -1;
            }
            value = value * 10 + (t[i] - '0');
        }
        return value;
    }

    private static int lastDay(int year, int month) {
        if (month == 2) {
            return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }
}
