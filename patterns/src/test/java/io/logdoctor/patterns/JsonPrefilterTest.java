package io.logdoctor.patterns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonPrefilterTest {

    @TempDir
    Path root;

    private SignatureMatcher matcher(String pattern) throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID.replace(
                "  full: 'No space left on device'\n  quota: 'quota exceeded for %{NOTSPACE:volume}'\n", "  full: '" + pattern + "'\n"));
        return SignatureCatalog.load(root).matcher();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldSkipARecordWhoseJsonHoldsNoLiteral() throws IOException {
        SignatureMatcher m = matcher("No space left on device");

        assertFalse(m.mayMatchInJson(bytes("{\"ts\":\"2024-05-01T10:00:00Z\",\"line\":\"all good\",\"pod\":\"writer-0\"}")));
        assertTrue(m.mayMatchInJson(bytes("{\"ts\":\"2024-05-01T10:00:00Z\",\"line\":\"write: No space left on device\"}")));
        assertTrue(m.mayMatchInJson(null), "a tombstone is for the decoder to refuse");
    }

    @Test
    void shouldFindALiteralWithQuotesInItsEscapedForm() throws IOException {
        SignatureMatcher m = matcher("\"msg\":\"disk full");

        assertTrue(m.mayMatchInJson(bytes("{\"line\":\"{\\\"msg\\\":\\\"disk full\\\"}\"}")), "the quotes are escaped in JSON");
        assertFalse(m.mayMatchInJson(bytes("{\"line\":\"all good\"}")));
        assertFalse(m.mayMatchInJson(bytes("{\"line\":\"{\\\"msg\\\":\\\"disk ok\\\"}\"}")));
    }

    @Test
    void shouldAdmitEveryRecordThatUsesUnicodeEscapesOrIsNotUtf8() throws IOException {
        SignatureMatcher m = matcher("No space left on device");

        assertTrue(m.mayMatchInJson(bytes("{\"line\":\"No space left on devic\\u0065\"}")), "a \\u escape may spell the literal");
        assertTrue(m.mayMatchInJson(bytes("{\"line\":\"all good \\u003c\"}")));
        assertTrue(m.mayMatchInJson(bytes("{\"line\":\"a\\/b\"}")), "an escaped solidus");
        assertFalse(m.mayMatchInJson(bytes("{\"line\":\"C:\\\\users\\\\x\"}")), "an escaped backslash before u is no \\u escape");
        assertTrue(m.mayMatchInJson("{\"line\":\"No space left on device\"}".getBytes(StandardCharsets.UTF_16LE)), "UTF-16");
        assertTrue(m.mayMatchInJson("{\"line\":\"x\"}".getBytes(StandardCharsets.UTF_16)), "UTF-16 with a byte-order mark");
    }

    @Test
    void shouldAdmitEveryRecordWhenAPatternHasNoLiteral() throws IOException {
        SignatureMatcher m = matcher("(?i)no space left");

        assertTrue(m.mayMatchInJson(bytes("{\"line\":\"all good\"}")));
    }
}
