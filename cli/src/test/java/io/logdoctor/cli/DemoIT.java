package io.logdoctor.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code logdoctor demo} over the bundled samples, as a new user runs it: it must find every expected diagnosis. */
class DemoIT {

    @Test
    void shouldFindEveryExpectedDiagnosisOfTheSamples() {
        Path samples = Path.of("..", "samples").toAbsolutePath().normalize();

        Console c = Console.run("demo", "--samples", samples.toString(), "--timeout", "90");

        assertEquals(0, c.exitCode(), c.err());
        for (String id : new String[]{"vpc-cni/ipamd-not-ready", "aws-iam/sts-web-identity-timeout",
                "jenkins/update-center-cache-miss", "prometheus/alertmanager-unreachable"}) {
            assertTrue(c.out().contains("FIRING  ") && c.out().contains(id), id + " in\n" + c.out());
        }
        assertTrue(c.out().contains("remediation:"), c.out());
        assertTrue(c.err().contains("all 4 expected diagnoses arrived"), c.err());
    }
}
