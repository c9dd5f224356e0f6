package io.logdoctor.shipper;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShipperConfigTest {

    private final ShipperConfig defaults =
            ShipperConfig.defaults("broker:9092", Path.of("/var/log/pods"), Path.of("/var/lib/logdoctor"));

    @Test
    void shouldFillInDefaults() {
        assertEquals("local", defaults.cluster());
        assertFalse(defaults.node().isBlank());
        assertEquals(Duration.ofMillis(250), defaults.pollInterval());
        assertEquals(1024 * 1024, defaults.maxLineBytes());
        assertEquals(Map.of(), defaults.kafkaProperties());
    }

    @Test
    void shouldCopyKafkaProperties() {
        Map<String, String> props = new HashMap<>(Map.of("security.protocol", "SSL"));
        ShipperConfig config = defaults.withKafkaProperties(props);
        props.clear();

        assertEquals(Map.of("security.protocol", "SSL"), config.kafkaProperties());
    }

    @Test
    void shouldRejectInvalidSettingsNamingThem() {
        assertEquals("pollInterval must be positive; was PT0S", assertThrows(IllegalArgumentException.class,
                () -> defaults.withPollInterval(Duration.ZERO)).getMessage());
        assertEquals("maxLineBytes must be at least 1024; was 10", assertThrows(IllegalArgumentException.class,
                () -> defaults.withMaxLineBytes(10)).getMessage());
        assertEquals("cluster must not be blank; was ", assertThrows(IllegalArgumentException.class,
                () -> defaults.withCluster("")).getMessage());
    }
}
