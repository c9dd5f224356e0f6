package io.logdoctor.shipper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A prestart is taken over only by a start that ships the same files from the same state directory. */
class ShipperPrestartTest {

    @TempDir
    Path dir;

    @Test
    void shouldFitOnlyTheSameFilesAndStateDirectory() {
        ShipperConfig config = ShipperConfig.defaults("k:9092", dir.resolve("pods"), dir.resolve("state"))
                .withContainersRoot(null).withSelectors(List.of("web/*"), List.of());
        ShipperConfig early = ShipperConfig.defaults("prestart.invalid:9092", dir.resolve("pods"), dir.resolve("state"))
                .withContainersRoot(null).withSelectors(List.of("web/*"), List.of());
        try (ShipperPrestart prestart = ShipperPrestart.begin(early)) {
            assertTrue(prestart.fits(config.withCluster("prod").withNode("node-1")), "the rest of the settings do not matter");
            assertFalse(prestart.fits(ShipperConfig.defaults("k:9092", dir.resolve("pods"), dir.resolve("other-state"))
                    .withContainersRoot(null).withSelectors(List.of("web/*"), List.of())));
            assertFalse(prestart.fits(config.withSelectors(List.of("web/*"), List.of("web/debug"))));
            assertFalse(prestart.fits(config.withContainersRoot(dir.resolve("containers"))));
        }
    }
}
