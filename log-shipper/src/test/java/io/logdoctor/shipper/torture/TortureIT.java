package io.logdoctor.shipper.torture;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The torture harness's short mode (every rotation mode at once, 3-5 SIGKILLs, about 2-3 minutes) against
 * the shipper's real code on a real broker: each container, one rotation mode, must get every line
 * exactly once. {@code -Dtorture.mode=full} runs the long mode (see {@link Torture} for every setting;
 * {@code benchmarks/torture/run.sh} wraps it).
 */
class TortureIT {

    @Test
    void shouldShipEveryLineOfEveryRotationModeExactlyOnceAcrossKills() throws Exception {
        List<ContainerResult> results = Torture.runFromProperties(System.out);
        assertFalse(results.isEmpty());
        assertAll(results.stream().map(r -> () -> {
            assertEquals(0, r.lost(), r.caseName() + "/" + r.container() + " lost lines " + r.missing());
            assertEquals(0, r.duplicated(), r.caseName() + "/" + r.container() + " duplicated lines");
        }));
    }
}
