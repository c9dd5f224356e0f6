package io.logdoctor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void shouldPreferFlagThenEnvironmentThenFileThenDefault() throws IOException {
        Path file = Files.writeString(dir.resolve("shipper.properties"), "pods-root=/from/file\ncluster=file-cluster\nnode=file-node\n");
        Settings s = Settings.load(file, Map.of("LOGDOCTOR_PODS_ROOT", "/from/env", "LOGDOCTOR_CLUSTER", "env-cluster"));

        assertEquals("/from/flag", s.get("pods-root", "/from/flag", "/default"));
        assertEquals("/from/env", s.get("pods-root", null, "/default"));
        assertEquals("env-cluster", s.get("cluster", null, "local"));
        assertEquals("file-node", s.get("node", null, "host"));
        assertEquals("/var/lib/x", s.get("state-dir", null, "/var/lib/x"));
    }

    @Test
    void shouldFindTheConfigFileThroughTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("c.properties"), "bootstrap-server=kafka:9092\n");

        assertEquals("kafka:9092", Settings.load(null, Map.of("LOGDOCTOR_CONFIG", file.toString())).require("bootstrap-server", null));
    }

    @Test
    void shouldPassKafkaClientSettingsThrough() throws IOException {
        Path file = Files.writeString(dir.resolve("c.properties"), "kafka.security.protocol=SASL_SSL\nkafka.sasl.mechanism=PLAIN\ncluster=x\n");
        Settings s = Settings.load(file, Map.of("LOGDOCTOR_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"));

        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"), s.kafkaProperties());
    }

    @Test
    void shouldSayEveryWayToGiveAMissingSetting() throws IOException {
        Settings s = Settings.load(null, Map.of());

        assertEquals("missing setting 'bootstrap-server': give --bootstrap-server, set LOGDOCTOR_BOOTSTRAP_SERVER, "
                        + "or put bootstrap-server=... in the --config file",
                assertThrows(IllegalArgumentException.class, () -> s.require("bootstrap-server", null)).getMessage());
    }

    @Test
    void shouldRefuseAConfigFileThatDoesNotExist() {
        assertEquals("config file /no/such.properties does not exist",
                assertThrows(IOException.class, () -> Settings.load(Path.of("/no/such.properties"), Map.of())).getMessage());
    }
}
