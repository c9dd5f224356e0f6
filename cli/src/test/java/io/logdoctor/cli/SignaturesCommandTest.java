package io.logdoctor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignaturesCommandTest {

    @Test
    void shouldListTheBundledSignatures() {
        Console c = Console.run("signatures", "list");

        assertEquals(0, c.exitCode());
        assertTrue(c.out().contains("vpc-cni/ipamd-not-ready"), c.out());
    }

    @Test
    void shouldPrintTheCatalogueAsTheReadmesMarkdownTable() {
        Console c = Console.run("signatures", "list", "--format", "markdown");

        assertEquals(0, c.exitCode());
        assertTrue(c.out().startsWith("| id | title | severity | source |\n|---|---|---|---|\n"), c.out());
        assertTrue(c.out().contains("| `vpc-cni/ipv4-permission-denied` | ipamd's EC2 calls are denied (UnauthorizedOperation); "
                + "the node cannot get pod IPs | critical | incident 1 (seed 002); refines `vpc-cni/ipamd-not-ready` |\n"), c.out());
        assertTrue(c.out().contains("| `lambda/throttled` | Invocations of a Lambda function are throttled (TooManyRequestsException, "
                + "Rate Exceeded) | error | common Lambda failure |\n"), c.out());
    }

    @Test
    void shouldRunTheFireFixturesOfATeamsOwnCatalogue(@TempDir Path dir) throws IOException {
        writeLedgerLocked(dir);
        Files.writeString(dir.resolve("payments/ledger-locked.fire.log"), """
                2024-05-01T10:00:00Z ERROR: could not obtain lock on relation "audit"
                #> quiet
                2024-05-01T10:00:01Z ERROR: could not obtain lock on relation "ledger"
                #> firing
                #> resolved 2024-05-01T10:05:00Z
                """);

        Console test = Console.run("signatures", "test", dir.toString());

        assertEquals(1, test.exitCode());
        assertEquals("payments/ledger-locked.fire.log:5: expected payments/ledger-locked to resolve by 2024-05-01T10:05:00Z; "
                + "it is still firing (quiet period PT15M after the last match)\n", test.out());
    }

    @Test
    void shouldFindTheBundledCatalogueClean() {
        Console lint = Console.run("signatures", "lint");
        Console test = Console.run("signatures", "test");

        assertEquals(0, lint.exitCode(), lint.out());
        assertEquals(0, test.exitCode(), test.out());
    }

    @Test
    void shouldTestAndLintATeamsOwnCatalogue(@TempDir Path dir) throws IOException {
        writeLedgerLocked(dir);

        Console test = Console.run("signatures", "test", dir.toString());
        Console lint = Console.run("signatures", "lint", dir.toString());

        assertEquals(0, test.exitCode(), test.out());
        assertEquals(1, lint.exitCode());
        assertEquals("payments/ledger-locked.match.log: needs at least 3 positive fixture lines; was 1\n"
                + "payments/ledger-locked.nomatch.log: needs at least 3 near-miss fixture lines; was 1\n", lint.out());
    }

    private static void writeLedgerLocked(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("payments"));
        Files.writeString(dir.resolve("payments/ledger-locked.yaml"), """
                id: payments/ledger-locked
                title: The ledger table is locked
                severity: error
                match:
                  locked: 'ERROR: could not obtain lock on relation "ledger"'
                cause: A long transaction holds the lock.
                remediation:
                  - Find it in pg_stat_activity.
                references:
                  - runbook
                """);
        Files.writeString(dir.resolve("payments/ledger-locked.match.log"), "ERROR: could not obtain lock on relation \"ledger\"\n");
        Files.writeString(dir.resolve("payments/ledger-locked.nomatch.log"), "ERROR: could not obtain lock on relation \"audit\"\n");
    }
}
