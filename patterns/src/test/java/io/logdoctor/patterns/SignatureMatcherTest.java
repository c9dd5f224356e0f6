package io.logdoctor.patterns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SignatureMatcherTest {

    @TempDir
    Path root;

    @Test
    void shouldReturnTheSignatureAndThePatternThatMatched() throws IOException {
        SignatureMatcher matcher = catalog().matcher();

        List<Match> matches = matcher.match("write /data/x: quota exceeded for /dev/xvdb", LineContext.UNKNOWN);

        assertEquals(1, matches.size());
        assertEquals("demo/disk-full", matches.get(0).signature().id());
        assertEquals("quota", matches.get(0).pattern());
    }

    @Test
    void shouldMatchNothingOnAnOrdinaryLine() throws IOException {
        assertEquals(List.of(), catalog().matcher().match("GET /healthz 200", LineContext.UNKNOWN));
    }

    @Test
    void shouldSkipLinesFromAContainerOutsideTheScope() throws IOException {
        SignatureMatcher matcher = catalog().matcher();
        String line = "No space left on device";

        assertEquals(1, matcher.match(line, new LineContext("k8s", "default", "writer", null)).size());
        assertEquals(0, matcher.match(line, new LineContext("k8s", "default", "reader", null)).size());
    }

    @Test
    void shouldReportEverySignatureALineMatches() throws IOException {
        SignatureFiles.write(root, "demo/any-device.yaml", SignatureFiles.VALID
                .replace("demo/disk-full", "demo/any-device")
                .replace("'No space left on device'", "'left on device'"));
        List<String> ids = catalog().matcher().match("No space left on device", LineContext.UNKNOWN).stream()
                .map(m -> m.signature().id()).toList();

        assertEquals(List.of("demo/any-device", "demo/disk-full"), ids);
    }

    @Test
    void shouldUseSharedGrokBuildingBlocks() throws IOException {
        SignatureFiles.write(root, "grok/demo.grok", "# sample: vol=/dev/xvdb\nDEMO_VOLUME /dev/xvd[a-z]+\n");
        SignatureFiles.write(root, "demo/disk-full.yaml",
                SignatureFiles.VALID.replace("%{NOTSPACE:volume}", "%{DEMO_VOLUME:volume}"));
        SignatureMatcher matcher = SignatureCatalog.load(root).matcher();

        assertEquals(1, matcher.match("quota exceeded for /dev/xvdb", LineContext.UNKNOWN).size());
        assertEquals(0, matcher.match("quota exceeded for /dev/sda", LineContext.UNKNOWN).size());
    }

    private SignatureCatalog catalog() throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID);
        return SignatureCatalog.load(root);
    }
}
