package io.logdoctor.shipper.files;

import io.logdoctor.shipper.ShipperMetrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LostBytesTest {

    private static final String COPY = "/var/log/pods/shop_worker-5c2b_0f6e2a4c/worker/0.log.20240301-000001";

    private final ShipperMetrics metrics = new ShipperMetrics(Clock.systemUTC());

    /** KillIT in CI: a copytruncate copy followed from 0, never read (the shipper was killed), deleted meanwhile. */
    @Test
    void shouldCountARotationThatNeverLearnedItsSize() {
        LostBytes.report(rotation(0, null), metrics);

        assertTrue(metrics.render().contains("logdoctor_shipper_files_lost_total{reason=\"not_found\"} 1.0\n"), metrics.render());
    }

    @Test
    void shouldCountTheBytesOfARotationFollowedButNotReadToItsSize() {
        LostBytes.report(rotation(0, 450_000L), metrics);

        assertTrue(metrics.render().contains("logdoctor_shipper_bytes_lost_total{reason=\"not_found\"} 450000.0\n"), metrics.render());
    }

    @Test
    void shouldNotCountARotationReadToTheSizeItHad() {
        LostBytes.report(rotation(450_000, 450_000L), metrics);

        assertFalse(metrics.render().contains("logdoctor_shipper_files_lost_total{reason=\"not_found\"} 1.0\n"), metrics.render());
    }

    private static FileCheckpoint rotation(long end, Long size) {
        return new FileCheckpoint(FileCheckpoint.VERSION, COPY, 65024, 2286098, 0, 0, end, end, Map.of(), "cri", size, null);
    }
}
