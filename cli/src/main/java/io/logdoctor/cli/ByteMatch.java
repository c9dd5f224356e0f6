package io.logdoctor.cli;

import io.logdoctor.patterns.LineContext;
import io.logdoctor.patterns.Match;
import io.logdoctor.patterns.SignatureMatcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code logdoctor match} in bytes: lines split in large blocks ({@link ByteLines}) and tested for the
 * catalogue's literals in their UTF-8 ({@link SignatureMatcher#mayMatchUtf8}); only a line that holds one
 * (or is not ASCII) is decoded into a String and matched. Container formats go through
 * {@link SkippingDecoder}, which skips their quiet lines. Prints exactly what the line-by-line path
 * ({@code -Dlogdoctor.match.path=lines}) prints.
 */
final class ByteMatch {

    private ByteMatch() {
    }

    /** Matches every line of {@code in}; returns how many lines were not {@code format} lines. */
    static long scan(String file, InputStream in, String format, SignatureMatcher matcher, PrintStream out) throws IOException {
        SkippingDecoder.Events print = (text, line) -> {
            List<Match> matches = matcher.match(text, LineContext.UNKNOWN);
            if (!matches.isEmpty()) {
                out.println(MatchCommand.result(file, line, matches));
            }
        };
        if (!"raw".equals(format)) {
            SkippingDecoder decoder = new SkippingDecoder(format, matcher, print);
            ByteLines.read(in, decoder::line);
            decoder.finish();
            return decoder.malformed();
        }
        Utf8Text text = new Utf8Text();
        long[] number = {0};
        ByteLines.read(in, (b, from, to, ascii) -> {
            number[0]++;
            if (!ascii || matcher.mayMatchUtf8(b, from, to)) {
                print.event(text.of(b, from, to, ascii), number[0]);
            }
        });
        return 0;
    }
}
