package io.logdoctor.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/prometheus/rules.yaml through Prometheus's own checker: {@code promtool check rules} (syntax, PromQL,
 * templates) and {@code promtool test rules} (rules.test.yaml: the alerts fire when they should and only then).
 * promtool comes from Debian's prometheus package, which .ci/run installs.
 */
class PromtoolTest {

    private static final Path RULES = Path.of("prometheus", "rules.yaml");
    private static final Path TESTS = Path.of("prometheus", "rules.test.yaml");

    @BeforeAll
    static void promtool() {
        assumeTrue(Promtool.installed(), Promtool.MISSING + ": the rules are checked by the chart tests' model only");
    }

    @Test
    void checksTheRules() throws Exception {
        Promtool.Result r = promtool("check", "rules", RULES.toString());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS: 7 rules found"), r.output());
    }

    @Test
    void passesTheRuleUnitTests() throws Exception {
        Promtool.Result r = promtool("test", "rules", TESTS.toString());
        assertEquals(0, r.exit(), r.output());
    }

    /** The check can fail: a rule with broken PromQL is refused, with the rule named. */
    @Test
    void refusesABrokenExpression(@TempDir Path work) throws Exception {
        Path broken = work.resolve("rules.yaml");
        Files.writeString(broken, Files.readString(RULES).replace("increase(logdoctor_shipper_files_lost_total[30m])",
                "increase(logdoctor_shipper_files_lost_total[30m]"));
        Promtool.Result r = promtool("check", "rules", broken.toString());
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("LogdoctorShipperLostLogs") || r.output().contains("unclosed"), r.output());
    }

    private static Promtool.Result promtool(String... args) throws IOException, InterruptedException {
        return Promtool.run(null, args);
    }
}
