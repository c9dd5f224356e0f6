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
    void shouldFindTheBundledCatalogueClean() {
        Console lint = Console.run("signatures", "lint");
        Console test = Console.run("signatures", "test");

        assertEquals(0, lint.exitCode(), lint.out());
        assertEquals(0, test.exitCode(), test.out());
    }

    @Test
    void shouldTestAndLintATeamsOwnCatalogue(@TempDir Path dir) throws IOException {
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

        Console test = Console.run("signatures", "test", dir.toString());
        Console lint = Console.run("signatures", "lint", dir.toString());

        assertEquals(0, test.exitCode(), test.out());
        assertEquals(1, lint.exitCode());
        assertEquals("payments/ledger-locked.match.log: needs at least 3 positive fixture lines; was 1\n"
                + "payments/ledger-locked.nomatch.log: needs at least 3 near-miss fixture lines; was 1\n", lint.out());
    }
}
