package io.logdoctor.cli;

import io.logdoctor.records.HttpOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HttpFlagsTest {

    @TempDir
    Path dir;

    @Test
    void shouldListenOnLoopbackOutsideKubernetesAndOnAllInterfacesInside() throws IOException {
        HttpOptions laptop = new HttpFlags().options(Settings.load(null, Map.of()));
        HttpOptions pod = new HttpFlags().options(Settings.load(null, Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1")));

        assertEquals(new HttpOptions("127.0.0.1", Duration.ofSeconds(10), 4, null), laptop);
        assertEquals("0.0.0.0", pod.bindAddress());
    }

    @Test
    void shouldTakeEachSettingFromTheFlagTheEnvironmentOrTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("c.properties"), "http-workers=8\nhttp-token=from-file\n");
        HttpFlags flags = new HttpFlags();
        flags.readTimeoutMs = "2500";

        HttpOptions options = flags.options(Settings.load(file, Map.of("LOGDOCTOR_HTTP_BIND", "0.0.0.0", "KUBERNETES_SERVICE_HOST", "")));

        assertEquals(new HttpOptions("0.0.0.0", Duration.ofMillis(2500), 8, "from-file"), options);
        assertEquals("from-env", new HttpFlags().options(Settings.load(file, Map.of("LOGDOCTOR_HTTP_TOKEN", "from-env"))).bearerToken());
        assertNull(new HttpFlags().options(Settings.load(null, Map.of("LOGDOCTOR_HTTP_TOKEN", " "))).bearerToken());
    }

    @Test
    void shouldNameTheSettingAndValueThatAreWrong() throws IOException {
        HttpFlags flags = new HttpFlags();
        flags.workers = "many";
        assertEquals("setting 'http-workers' must be a whole number; was 'many' from flag --http-workers",
                assertThrows(IllegalArgumentException.class, () -> flags.options(Settings.load(null, Map.of()))).getMessage());
        flags.workers = "0";
        assertEquals("http workers must be 1..256; was 0",
                assertThrows(IllegalArgumentException.class, () -> flags.options(Settings.load(null, Map.of()))).getMessage());
    }
}
