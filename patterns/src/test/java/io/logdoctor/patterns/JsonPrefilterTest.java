package io.logdoctor.patterns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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

    @Test
    void shouldSkipARecordWhoseJsonHoldsNoLiteral() throws IOException {
        SignatureMatcher m = matcher("No space left on device");

        assertFalse(m.mayMatchInJson("{\"ts\":\"2024-05-01T10:00:00Z\",\"line\":\"all good\",\"pod\":\"writer-0\"}"));
        assertTrue(m.mayMatchInJson("{\"ts\":\"2024-05-01T10:00:00Z\",\"line\":\"write: No space left on device\"}"));
    }

    @Test
    void shouldKeepEveryRecordWhenALiteralMayBeEscapedInJson() throws IOException {
        SignatureMatcher m = matcher("\"msg\":\"disk full");

        assertTrue(m.mayMatchInJson("{\"line\":\"{\\\"msg\\\":\\\"disk full\\\"}\"}"), "the quotes are escaped in JSON");
        assertTrue(m.mayMatchInJson("{\"line\":\"all good\"}"));
    }
}
