package io.logdoctor.patterns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CatalogLintTest {

    @TempDir
    Path root;

    @Test
    void shouldFindNothingWrongWithAGoodSignature() throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID);
        SignatureFiles.write(root, "demo/disk-full.match.log", "No space left on device\nquota exceeded for /a\nquota exceeded for /b\n");
        SignatureFiles.write(root, "demo/disk-full.nomatch.log", "disk 80% full\nquota ok\nspace left: 3G\n");

        assertEquals(List.of(), CatalogLint.run(root));
    }

    @Test
    void shouldReportEveryOffenderAtOnce() throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID);
        SignatureFiles.write(root, "demo/disk-full.match.log", "No space left on device\n");
        SignatureFiles.write(root, "demo/bad-severity.yaml", SignatureFiles.VALID
                .replace("demo/disk-full", "demo/bad-severity").replace("severity: error", "severity: urgent"));
        SignatureFiles.write(root, "demo/vague.yaml", SignatureFiles.VALID
                .replace("demo/disk-full", "demo/vague").replace("'No space left on device'", "'%{WORD} %{INT}'"));
        SignatureFiles.write(root, "demo/vague.yml", SignatureFiles.VALID.replace("demo/disk-full", "demo/vague"));

        assertEquals(List.of(
                "demo/bad-severity.yaml:3: field 'severity': must be one of critical, error, warning, info; was 'urgent'",
                "demo/vague.yml:1: field 'id': duplicate: demo/vague.yaml has the same id; was 'demo/vague'",
                "demo/disk-full.match.log: needs at least 3 positive fixture lines; was 1",
                "demo/disk-full.nomatch.log: needs at least 3 near-miss fixture lines; was 0",
                "demo/vague.yaml:7: field 'match.full': has no literal of 4 or more characters that every match contains, "
                        + "so the prefilter cannot skip lines for it; was '%{WORD} %{INT}'",
                "demo/vague.match.log: needs at least 3 positive fixture lines; was 0",
                "demo/vague.nomatch.log: needs at least 3 near-miss fixture lines; was 0"),
                CatalogLint.run(root));
    }
}
