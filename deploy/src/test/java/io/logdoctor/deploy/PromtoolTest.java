package io.logdoctor.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        assumeTrue(onPath("promtool"), "promtool is not installed (Debian: apt-get install prometheus; .ci/run does it): "
                + "the rules are checked by the chart tests' model only");
    }

    @Test
    void checksTheRules() throws Exception {
        Result r = promtool("check", "rules", RULES.toString());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS: 7 rules found"), r.output());
    }

    @Test
    void passesTheRuleUnitTests() throws Exception {
        Result r = promtool("test", "rules", TESTS.toString());
        assertEquals(0, r.exit(), r.output());
    }

    /** The check can fail: a rule with broken PromQL is refused, with the rule named. */
    @Test
    void refusesABrokenExpression(@TempDir Path work) throws Exception {
        Path broken = work.resolve("rules.yaml");
        Files.writeString(broken, Files.readString(RULES).replace("increase(logdoctor_shipper_files_lost_total[30m])",
                "increase(logdoctor_shipper_files_lost_total[30m]"));
        Result r = promtool("check", "rules", broken.toString());
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("LogdoctorShipperLostLogs") || r.output().contains("unclosed"), r.output());
    }

    private record Result(int exit, String output) {
    }

    private static Result promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        return new Result(p.exitValue(), out);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
