package io.logdoctor.cli;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes seen as characters one byte each, without decoding: exact for ASCII, and every byte of a
 * multi-byte sequence reads as a character above 0x7f, so an ASCII literal is found in it exactly when
 * it is in the decoded text (UTF-8 never uses ASCII bytes inside a multi-byte character).
 */
final class Latin1View implements CharSequence {

    private final byte[] bytes;
    private final int from;
    private final int to;

    Latin1View(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private Latin1View(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
    }

    @Override
    public int length() {
        return to - from;
    }

    @Override
    public char charAt(int index) {
        return (char) (bytes[from + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new Latin1View(bytes, from + start, from + end);
    }

    @Override
    public String toString() {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
