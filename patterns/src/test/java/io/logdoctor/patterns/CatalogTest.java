package io.logdoctor.patterns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalogue-wide test: every fixture of every bundled signature, and the ids that are a contract. */
class CatalogTest {

    @Test
    void shouldPassEveryFixtureOfTheBundledCatalogue() throws IOException {
        List<String> problems = FixtureCheck.run(SignatureCatalog.bundled());

        assertEquals(List.of(), problems, () -> String.join("\n", problems));
    }

    @Test
    void shouldShipTheSignaturesOfTheSeedIncidents() {
        List<String> ids = SignatureCatalog.bundled().signatures().stream().map(Signature::id).toList();

        assertTrue(ids.containsAll(List.of("vpc-cni/ipamd-not-ready", "aws-iam/sts-web-identity-timeout",
                "jenkins/update-center-cache-miss", "prometheus/alertmanager-unreachable")), ids::toString);
    }

    @Test
    void shouldReportAPositiveFixtureThatDoesNotMatch(@TempDir Path root) throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID);
        SignatureFiles.write(root, "demo/disk-full.match.log", "# comment\nNo space left on device\nall good\n");
        SignatureFiles.write(root, "demo/disk-full.nomatch.log", "No space left on device\n");

        assertEquals(List.of(
                        "demo/disk-full.match.log:3: expected [demo/disk-full], got []",
                        "demo/disk-full.nomatch.log:1: expected no match, got [demo/disk-full]"),
                FixtureCheck.run(SignatureCatalog.load(root)));
    }

    @Test
    void shouldApplyContextLinesToTheFixturesBelowThem(@TempDir Path root) throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID);
        SignatureFiles.write(root, "demo/disk-full.match.log", "#@ container=writer\nNo space left on device\n");
        SignatureFiles.write(root, "demo/disk-full.nomatch.log", "#@ container=reader source=k8s\nNo space left on device\n#@\nall good\n");

        assertEquals(List.of(), FixtureCheck.run(SignatureCatalog.load(root)));
    }

    @Test
    void shouldReportMissingFixtures(@TempDir Path root) throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID);

        assertEquals(List.of(
                        "demo/disk-full.match.log: missing: every signature needs positive fixtures",
                        "demo/disk-full.nomatch.log: missing: every signature needs near-miss fixtures"),
                FixtureCheck.run(SignatureCatalog.load(root)));
    }
}
