package io.logdoctor.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A line's bytes as the String {@link java.io.InputStreamReader} makes of them: UTF-8, each malformed
 * sequence replaced by U+FFFD with the decoder InputStreamReader uses (a line boundary is ASCII, so no
 * malformed sequence spans two lines: decoding line by line equals decoding the stream). Not thread-safe.
 */
final class Utf8Text {

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);

    String of(byte[] b, int from, int to, boolean ascii) {
        if (ascii) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
        try {
            return utf8.decode(ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
    }
}
