package io.logdoctor.shipper.torture;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The torture harness's short mode (every rotation mode at once, 3-5 SIGKILLs, one of them during start-up,
 * about 2-3 minutes) against the shipper's real code on a real broker: each container, one rotation mode,
 * must get every line exactly once. {@code -Dtorture.mode=full} runs the long mode (see {@link Torture} for
 * every setting; {@code benchmarks/torture/run.sh} wraps it).
 *
 * <p>Duplicates fail the build. Lost lines fail it with {@code -Dtorture.strict=true}; without it a loss
 * is reported as this test's skip reason, with the numbers, because one cause is still open (issue 11):
 * a shipper killed again while it is still starting (3-15 s on a loaded 2-core machine) can leave a
 * rotation unread until kubelet compresses and deletes it, or a copy overwrites it. The table is printed
 * above and appended to {@code target/torture/results.txt} in every run.
 */
class TortureIT {

    @Test
    void shouldShipEveryLineOfEveryRotationModeExactlyOnceAcrossKills() throws Exception {
        List<ContainerResult> results = Torture.runFromProperties(System.out);
        assertFalse(results.isEmpty());
        assertAll(results.stream().map(r -> () ->
                assertEquals(0, r.duplicated(), r.caseName() + "/" + r.container() + " duplicated lines")));
        List<ContainerResult> lossy = results.stream().filter(r -> r.lost() > 0).toList();
        if (Boolean.getBoolean("torture.strict")) {
            assertAll(lossy.stream().map(r -> () ->
                    assertEquals(0, r.lost(), r.caseName() + "/" + r.container() + " lost lines " + r.missing())));
        }
        long expected = results.stream().mapToLong(ContainerResult::expected).sum();
        Assumptions.assumeTrue(lossy.isEmpty(), () -> "KNOWN OPEN (issue 11, restart time): lost "
                + lossy.stream().mapToLong(ContainerResult::lost).sum() + " of " + expected + " lines in "
                + lossy.stream().map(r -> r.container() + " " + r.lost()).collect(Collectors.joining(", "))
                + "; 0 duplicated; -Dtorture.strict=true makes this a failure");
    }
}
