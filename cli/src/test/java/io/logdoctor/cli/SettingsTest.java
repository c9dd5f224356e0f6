package io.logdoctor.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void shouldReadEachValueThroughItsDeclaration() throws IOException {
        Path file = Files.writeString(dir.resolve("s.properties"), "group-wait=PT45S\ngroup-by=cluster, namespace\n");
        Settings s = Settings.load(file, Map.of("LOGDOCTOR_HTTP_PORT", "9090")).checkedFor(ServiceSettings.STREAMS);

        assertEquals(Duration.ofHours(2), s.get(StreamsSettings.REPEAT_INTERVAL, "2h"));
        assertEquals(Duration.ofHours(2), s.get(StreamsSettings.REPEAT_INTERVAL, "PT2H"), "ISO-8601 as before");
        assertEquals(Duration.ofHours(1), s.get(StreamsSettings.REPEAT_INTERVAL, null), "the default");
        assertEquals(Duration.ofSeconds(45), s.get(StreamsSettings.GROUP_WAIT, null));
        assertEquals(List.of("cluster", "namespace"), s.get(StreamsSettings.GROUP_BY, null));
        assertEquals(9090, s.get(StreamsSettings.HTTP_PORT, null));
        assertEquals(null, s.get(StreamsSettings.ADVERTISED_HOST, null), "computed at start");
    }

    @Test
    void shouldNameTheSettingTheValueAndWhereItCameFrom() throws IOException {
        Path file = Files.writeString(dir.resolve("s.properties"), "# streams\n\nbootstrap-server=kafka:9092\nrepeat-interval = hourly\n");
        Settings fromFile = Settings.load(file, Map.of());
        Settings fromEnv = Settings.load(null, Map.of("LOGDOCTOR_POLL_INTERVAL_MS", "abc"));

        assertEquals("setting 'repeat-interval' must be a duration such as 500ms, 30s, 5m, 1h, 1d or ISO-8601 PT1H; was 'hourly' from file "
                + file + " line 4", assertThrows(IllegalArgumentException.class, () -> fromFile.checkedFor(ServiceSettings.STREAMS)).getMessage());
        assertEquals("setting 'poll-interval-ms' must be a whole number; was 'abc' from env LOGDOCTOR_POLL_INTERVAL_MS",
                assertThrows(IllegalArgumentException.class, () -> fromEnv.checkedFor(ServiceSettings.SHIPPER)).getMessage());
        assertEquals("setting 'metrics-port' must be a port number from 0 to 65535, or -1 for none; was '80800' from flag --metrics-port",
                assertThrows(IllegalArgumentException.class, () -> fromEnv.get(ShipperSettings.METRICS_PORT, "80800")).getMessage());
        assertEquals("setting 'delivery' must be one of exactly-once, at-least-once; was 'twice' from flag --delivery",
                assertThrows(IllegalArgumentException.class, () -> fromEnv.get(ShipperSettings.DELIVERY, "twice")).getMessage());
    }

    @Test
    void shouldCheckAValueOfASettingTheRunDoesNotUse() throws IOException {
        Path file = Files.writeString(dir.resolve("s.properties"), "cloudwatch=false\ncloudwatch-interval=often\n");

        assertEquals("setting 'cloudwatch-interval' must be a duration such as 500ms, 30s, 5m, 1h, 1d or ISO-8601 PT1H; was 'often' from file "
                + file + " line 2", assertThrows(IllegalArgumentException.class,
                () -> Settings.load(file, Map.of()).checkedFor(ServiceSettings.SHIPPER)).getMessage());
    }

    @Test
    void shouldRefuseAnUnknownKeyAndSuggestTheClosest() throws IOException {
        Path file = Files.writeString(dir.resolve("s.properties"), "bootstrap-server=kafka:9092\n"
                + "kafka.security.protocol=SSL\nmultiline=\\\n  ^\\\\s+at \nrepeat-intervall=5m\n");
        Path other = Files.writeString(dir.resolve("o.properties"), "bootstrap-server=kafka:9092\nfoo=bar\n");
        Path underscore = Files.writeString(dir.resolve("u.properties"), "pods_root=/x\n");

        assertEquals("unknown setting 'repeat-intervall' in file " + file + " line 5: no logdoctor command has a setting of this name; "
                        + "did you mean repeat-interval?",
                assertThrows(IllegalArgumentException.class, () -> Settings.load(file, Map.of()).checkedFor(ServiceSettings.STREAMS)).getMessage());
        assertEquals("unknown setting 'foo' in file " + other + " line 2: no logdoctor command has a setting of this name; "
                        + "keys are the long flag names (see --help), and kafka.* for the Kafka clients",
                assertThrows(IllegalArgumentException.class, () -> Settings.load(other, Map.of()).checkedFor(ServiceSettings.CLIENT)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.load(underscore, Map.of()).checkedFor(ServiceSettings.SHIPPER))
                .getMessage().endsWith("did you mean pods-root?"));
    }

    @Test
    void shouldLetAFileServeSeveralServicesAndTheEnvironmentHoldOtherVariables() throws IOException {
        Path file = Files.writeString(dir.resolve("s.properties"), "bootstrap-server=kafka:9092\npods-root=/logs\nrepeat-interval=5m\n");
        Map<String, String> env = Map.of("LOGDOCTOR_JAVA_OPTS", "-Xmx1g", "LOGDOCTOR_CDS", "off", "LOGDOCTOR_REPEAT_INTERVL", "5m",
                "LOGDOCTOR_SOMETHING_ELSE", "x", "LOGDOCTOR_KAFKA_SASL_MECHANISM", "PLAIN");

        assertEquals(Path.of("/logs"), Settings.load(file, env).checkedFor(ServiceSettings.SHIPPER).get(ShipperSettings.PODS_ROOT, null));
        assertEquals(Duration.ofMinutes(5), Settings.load(file, env).checkedFor(ServiceSettings.STREAMS).get(StreamsSettings.REPEAT_INTERVAL, null));
        Logger logger = (Logger) LoggerFactory.getLogger(Settings.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        logger.addAppender(warnings);
        try {
            Settings.load(file, env).checkedFor(ServiceSettings.STREAMS);
        } finally {
            logger.detachAppender(warnings);
        }
        assertEquals(List.of("pods-root is a setting of logdoctor shipper, not of logdoctor streams: ignored (file " + file + " line 2)",
                        "environment variable LOGDOCTOR_REPEAT_INTERVL is no setting of logdoctor streams: ignored; "
                                + "did you mean LOGDOCTOR_REPEAT_INTERVAL?"),
                warnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Test
    void shouldKeepWhatAPropertiesFileMeans() throws IOException {
        Path file = Files.writeString(dir.resolve("s.properties"), "! comment\n  cluster : prod \\\n    -eu\nnode=a\\u00e9\nnode=b\n");
        Settings s = Settings.load(file, Map.of());

        assertEquals("prod -eu", s.get(ShipperSettings.CLUSTER, null), "a continued line; the separator may be ':'");
        assertEquals("b", s.get(ShipperSettings.NODE, null), "the last of a key given twice");
        assertEquals("setting 'max-line-bytes' must be a whole number; was 'x' from file " + file + " line 4",
                assertThrows(IllegalArgumentException.class, () -> Settings.load(Files.writeString(file,
                        "! comment\n  cluster : prod \\\n    -eu\nmax-line-bytes=x\n"), Map.of()).checkedFor(ServiceSettings.SHIPPER)).getMessage());
    }

    @Test
    void shouldStopAServiceBeforeItStartsWithTheExitCodeOfAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("n.properties"), "bootstrap-server=127.0.0.1:1\nroutes=/etc/routes.yaml\nhttp_port=8081\n");

        Console notifier = Console.run("notifier", "--config", file.toString());
        Console streams = Console.run("streams", "--bootstrap-server", "127.0.0.1:1", "--group-wait", "half a minute");

        assertEquals(2, notifier.exitCode());
        assertEquals("logdoctor notifier: unknown setting 'http_port' in file " + file + " line 3: no logdoctor command has a setting "
                + "of this name; did you mean http-port?\n", notifier.err());
        assertEquals(2, streams.exitCode());
        assertEquals("logdoctor streams: setting 'group-wait' must be a duration such as 500ms, 30s, 5m, 1h, 1d or ISO-8601 PT1H; "
                + "was 'half a minute' from flag --group-wait\n", streams.err());
    }
}
