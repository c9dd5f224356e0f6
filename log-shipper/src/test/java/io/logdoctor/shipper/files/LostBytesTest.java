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

    /**
     * TortureIT in CI, lr-ct-gz: the shipper read a logrotate copy to its end, held each stream's last line for the
     * joiner's quiet time, committed, was killed; the copy was gzipped, shifted and deleted before the next start.
     */
    @Test
    void shouldCountARotationReadToItsSizeWithEventsStillOpen() {
        LostBytes.report(new FileCheckpoint(FileCheckpoint.VERSION, COPY, 65024, 2286098, 256, 7, 814_871, 816_631,
                Map.of("stderr", 814_871L, "stdout", 816_471L), "cri", 816_631L, null), metrics);

        assertTrue(metrics.render().contains("logdoctor_shipper_files_lost_total{reason=\"not_found\"} 1.0\n"), metrics.render());
    }

    /** TortureIT in CI, lr-ct-gz: logrotate's 0.log.3.gz, read to its end, deleted by the next rotation: nothing lost. */
    @Test
    void shouldNotCountAGzippedRotationReadToTheSizeItHad() {
        LostBytes.report(new FileCheckpoint(FileCheckpoint.VERSION, COPY.replace("0.log.20240301-000001", "0.log.3.gz"),
                65024, 5350625, 256, 7, 1_035_741, 1_035_741, Map.of(), "cri", 1_035_741L, null), metrics);

        assertFalse(metrics.render().contains("logdoctor_shipper_files_lost_total{reason=\"not_found\"} 1.0\n"), metrics.render());
    }

    private static FileCheckpoint rotation(long end, Long size) {
        return new FileCheckpoint(FileCheckpoint.VERSION, COPY, 65024, 2286098, 0, 0, end, end, Map.of(), "cri", size, null);
    }
}
