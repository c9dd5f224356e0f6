package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogUpdaterTest {

    private static final String RETRY_LOOP = Resources.text("/pushed/retry-loop.yaml");

    private final SignatureCatalog bundled = testCatalog();
    private final CatalogUpdater updater = new CatalogUpdater(bundled.root(), bundled);

    @Test
    void shouldRefuseToReplaceABundledSignatureUnlessTheFileSaysOverrides() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> updater.apply("demo/retry-loop", RETRY_LOOP, "topic@0:7"));
        assertEquals("signature demo/retry-loop is bundled; a pushed file replaces it only when it says 'overrides: true'", e.getMessage());
        assertEquals("bundled", updater.origins().get("demo/retry-loop"));
    }

    @Test
    void shouldReplaceABundledSignatureThatSaysOverridesAndShowItInTheOrigin() throws Exception {
        SignatureCatalog catalog = updater.apply("demo/retry-loop", RETRY_LOOP + "overrides: true\n", "topic@0:8");

        assertEquals("info", catalog.find("demo/retry-loop").orElseThrow().severity().label());
        assertEquals("topic@0:8, overrides bundled", updater.origins().get("demo/retry-loop"));
    }

    @Test
    void shouldBringTheBundledVersionBackOnATombstoneInsteadOfDeletingIt() throws Exception {
        updater.apply("demo/retry-loop", RETRY_LOOP + "overrides: true\n", "topic@0:8");

        SignatureCatalog catalog = updater.apply("demo/retry-loop", null, "topic@0:9");

        assertEquals("critical", catalog.find("demo/retry-loop").orElseThrow().severity().label());
        assertEquals("bundled", updater.origins().get("demo/retry-loop"));
        catalog = updater.apply("demo/retry-loop", null, "topic@0:10");
        assertTrue(catalog.find("demo/retry-loop").isPresent(), "a tombstone never deletes a bundled signature");
    }

    @Test
    void shouldStillAddAndDeleteSignaturesOfItsOwn() throws Exception {
        String own = RETRY_LOOP.replace("demo/retry-loop", "team/own").replace("Retrying waiting", "Still waiting");
        assertTrue(updater.apply("team/own", own, "topic@0:1").find("team/own").isPresent());
        assertTrue(updater.apply("team/own", null, "topic@0:2").find("team/own").isEmpty());
    }

    private static SignatureCatalog testCatalog() {
        try {
            return SignatureCatalog.load(Path.of(CatalogUpdaterTest.class.getResource("/test-catalog").toURI()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
