package io.logdoctor.patterns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignatureFileReaderTest {

    @TempDir
    Path root;

    @Test
    void shouldReadEveryFieldOfAValidSignature() throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID);

        Signature s = SignatureCatalog.load(root).signatures().get(0);

        assertEquals("demo/disk-full", s.id());
        assertEquals(Severity.ERROR, s.severity());
        assertEquals(Set.of("writer"), s.scope().containers());
        assertEquals(List.of("full", "quota"), List.copyOf(s.patterns().keySet()));
        assertEquals(new FireRule(2, Duration.ofMinutes(1), Optional.empty()), s.fire());
        assertEquals(Duration.ofMinutes(10), s.resolveQuiet());
        assertEquals(List.of("Free space.", "Grow the volume."), s.remediation());
    }

    @Test
    void shouldReadGroupByAndInhibitRules() throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID
                + "group_by: [cluster, node]\ninhibits:\n  - signatures: [vpc-cni/*, demo/other]\n    equal: [cluster, node]\n");

        Grouping g = SignatureCatalog.load(root).signatures().get(0).grouping();

        assertEquals(Optional.of(List.of("cluster", "node")), g.groupBy());
        assertEquals(List.of(new Grouping.Inhibit(List.of("vpc-cni/*", "demo/other"), List.of("cluster", "node"))), g.inhibits());
        assertEquals(true, g.inhibits().get(0).targets("vpc-cni/ipamd-not-ready"));
        assertEquals(false, g.inhibits().get(0).targets("vpc-cnix/ipamd-not-ready"));
    }

    @Test
    void shouldNameAnUnknownGroupByLabel() {
        assertEquals("demo/disk-full.yaml:20: field 'group_by': must be labels among [cluster, container, function, logGroup, "
                        + "namespace, node, pod, workload]; was 'nodegroup'",
                loadError(SignatureFiles.VALID + "group_by: [cluster, nodegroup]\n"));
    }

    @Test
    void shouldNameFileLineFieldAndValueOfABadSeverity() {
        assertEquals("demo/disk-full.yaml:3: field 'severity': must be one of critical, error, warning, info; was 'urgent'",
                loadError(SignatureFiles.VALID.replace("severity: error", "severity: urgent")));
    }

    @Test
    void shouldRejectAnIdThatDoesNotMatchItsPath() {
        assertEquals("demo/disk-full.yaml:1: field 'id': must match the file path 'demo/disk-full'; was 'demo/disk-fill'",
                loadError(SignatureFiles.VALID.replace("id: demo/disk-full", "id: demo/disk-fill")));
    }

    @Test
    void shouldRejectAGrokPatternThatDoesNotCompile() {
        String message = loadError(SignatureFiles.VALID.replace("%{NOTSPACE:volume}", "%{NO_SUCH_PATTERN:volume}"));
        assertEquals("demo/disk-full.yaml:8: field 'match.quota': does not compile", message.substring(0, message.indexOf(" (")));
    }

    @Test
    void shouldRejectABrokenRegex() {
        String message = loadError(SignatureFiles.VALID.replace("'No space left on device'", "'No space (left'"));
        assertEquals("demo/disk-full.yaml:7: field 'match.full': does not compile (Unclosed group); was 'No space (left'", message);
    }

    @Test
    void shouldRejectAMissingRequiredField() {
        assertEquals("demo/disk-full.yaml:1: field 'cause': is required; was missing",
                loadError(SignatureFiles.VALID.replace("cause: The volume has no free blocks.\n", "")));
    }

    @Test
    void shouldRejectAnUnknownFieldSoTyposDoNotPassSilently() {
        assertEquals("demo/disk-full.yaml:11: field 'fire.windwo': unknown field; known fields are after, count, window",
                loadError(SignatureFiles.VALID.replace("window: 1m", "windwo: 1m")));
    }

    @Test
    void shouldRejectADurationWithoutUnit() {
        assertEquals("demo/disk-full.yaml:13: field 'resolve.quiet': must be a positive duration such as 30s, 2m or 1h; was '10'",
                loadError(SignatureFiles.VALID.replace("quiet: 10m", "quiet: 10")));
    }

    @Test
    void shouldRejectAZeroCount() {
        assertEquals("demo/disk-full.yaml:10: field 'fire.count': must be a whole number of at least 1; was '0'",
                loadError(SignatureFiles.VALID.replace("count: 2", "count: 0")));
    }

    @Test
    void shouldRejectAfterNamingAnUnknownPattern() {
        assertEquals("demo/disk-full.yaml:12: field 'fire.after': must name one of the patterns [full, quota]; was 'miss'",
                loadError(SignatureFiles.VALID.replace("window: 1m", "window: 1m\n  after: miss")));
    }

    @Test
    void shouldRejectAKeyGivenTwice() {
        assertEquals("demo/disk-full.yaml:3: field 'title': given twice",
                loadError(SignatureFiles.VALID.replace("severity: error", "title: again\nseverity: error")));
    }

    @Test
    void shouldRejectEmptyRemediation() {
        assertEquals("demo/disk-full.yaml:15: field 'remediation': must be a non-empty list; was empty",
                loadError(SignatureFiles.VALID.replace("  - Free space.\n  - Grow the volume.\n", "")));
    }

    @Test
    void shouldReportYamlSyntaxErrorsWithTheirLine() {
        String message = loadError(SignatureFiles.VALID.replace("title: The disk is full", "title: [unclosed"));
        assertEquals("demo/disk-full.yaml:3: field '(yaml)': not valid YAML", message.substring(0, message.indexOf(":", 40)));
    }

    @Test
    void shouldReadWhichSignatureARefinerExplains() throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID);
        SignatureFiles.write(root, "demo/quota.yaml", SignatureFiles.VALID.replace("demo/disk-full", "demo/quota")
                + "refines: demo/disk-full\n");
        SignatureCatalog catalog = SignatureCatalog.load(root);

        assertEquals(Optional.of("demo/disk-full"), catalog.find("demo/quota").orElseThrow().refines());
        assertEquals(List.of("demo/quota"), catalog.refinersOf("demo/disk-full").stream().map(Signature::id).toList());
    }

    @Test
    void shouldRejectRefiningASignatureThatIsNotInTheCatalogue() throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID + "refines: demo/no-such\n");

        assertEquals("demo/disk-full.yaml:20: field 'refines': names no signature of this catalogue; was 'demo/no-such'",
                assertThrows(SignatureException.class, () -> SignatureCatalog.load(root)).getMessage());
    }

    @Test
    void shouldReadOverridesAndDefaultItToFalse() throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID);
        assertEquals(false, SignatureCatalog.load(root).signatures().get(0).overrides());

        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID + "overrides: true\n");
        assertEquals(true, SignatureCatalog.load(root).signatures().get(0).overrides());
    }

    @Test
    void shouldRejectAnOverridesThatIsNotABoolean() {
        assertEquals("demo/disk-full.yaml:20: field 'overrides': must be true or false; was 'yes please'",
                loadError(SignatureFiles.VALID + "overrides: yes please\n"));
    }

    @Test
    void shouldNameTheFirstBadFileInIdOrderThoughFilesAreReadOnEveryCore() throws IOException {
        for (int i = 0; i < 40; i++) {
            String id = String.format("demo/s%02d", i);
            SignatureFiles.write(root, id + ".yaml", SignatureFiles.VALID.replace("demo/disk-full", id));
        }
        SignatureFiles.write(root, "demo/s07.yaml", SignatureFiles.VALID.replace("demo/disk-full", "demo/s07")
                + "overrides: perhaps\n");
        SignatureFiles.write(root, "demo/s31.yaml", SignatureFiles.VALID.replace("demo/disk-full", "demo/s31")
                + "overrides: never\n");

        for (int run = 0; run < 5; run++) {
            assertEquals("demo/s07.yaml:20: field 'overrides': must be true or false; was 'perhaps'",
                    assertThrows(SignatureException.class, () -> SignatureCatalog.load(root)).getMessage());
        }
    }

    private String loadError(String content) {
        try {
            SignatureFiles.write(root, "demo/disk-full.yaml", content);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return assertThrows(SignatureException.class, () -> SignatureCatalog.load(root)).getMessage();
    }
}
