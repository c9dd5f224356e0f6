package io.logdoctor.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --log-level and --log-format (or their variables) through the real logback backend, read off stderr. */
class LogSettingsTest {

    private static final String[] NONE = {};

    @AfterEach
    void back() {
        LogSettings.prepare(LogSettings.read(NONE, Map.of()));
        LogSettings.apply(LogSettings.read(NONE, Map.of()));
    }

    @Test
    void shouldStartLoggingAtTheAskedLevelWhicheverThreadLogsFirst() {
        // The shipper's prestart thread may be the first to log: logging must start configured, not wait for apply.
        LogSettings.prepare(new LogSettings.Choice(Level.ERROR, false));
        LoggerContext quiet = configured();
        assertEquals(Level.ERROR, quiet.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
        assertEquals(Level.ERROR, quiet.getLogger("org.apache.kafka").getLevel(), "Kafka's WARN raised to the asked ERROR");
        LogSettings.prepare(new LogSettings.Choice(Level.DEBUG, false));
        LoggerContext verbose = configured();
        assertEquals(Level.DEBUG, verbose.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
        assertEquals(Level.WARN, verbose.getLogger("org.apache.kafka").getLevel(), "Kafka's INFO chatter stays quiet at debug");
        quiet.stop();
        verbose.stop();
    }

    private static LoggerContext configured() {
        LoggerContext context = new LoggerContext();
        new LogConfigurator().configure(context);
        return context;
    }

    @Test
    void shouldTakeTheFlagOverTheVariableAndDefaultToInfoText() {
        assertEquals(new LogSettings.Choice(Level.INFO, false), LogSettings.read(NONE, Map.of()));
        assertEquals(new LogSettings.Choice(Level.WARN, true),
                LogSettings.read(NONE, Map.of("LOGDOCTOR_LOG_LEVEL", "WARN", "LOGDOCTOR_LOG_FORMAT", "json")));
        assertEquals(new LogSettings.Choice(Level.DEBUG, false), LogSettings.read(
                new String[]{"shipper", "--log-level", "debug", "--log-format=text"},
                Map.of("LOGDOCTOR_LOG_LEVEL", "warn", "LOGDOCTOR_LOG_FORMAT", "json")));
    }

    @Test
    void shouldRefuseAnUnknownValueNamingWhereItCameFrom() {
        assertEquals("--log-level verbose: not one of trace, debug, info, warn, error", assertThrows(IllegalArgumentException.class,
                () -> LogSettings.read(new String[]{"--log-level", "verbose"}, Map.of())).getMessage());
        assertEquals("LOGDOCTOR_LOG_FORMAT=logfmt: not one of text, json", assertThrows(IllegalArgumentException.class,
                () -> LogSettings.read(NONE, Map.of("LOGDOCTOR_LOG_FORMAT", "logfmt"))).getMessage());
    }

    @Test
    void shouldWriteOneJsonObjectPerLineWithAnIsoTimestampAndTheStackInAField() throws Exception {
        String err = stderrOf(() -> {
            LogSettings.apply(LogSettings.read(new String[]{"--log-format", "json", "--log-level", "warn"}, Map.of()));
            LoggerFactory.getLogger(LogSettingsTest.class).info("not shown at warn");
            LoggerFactory.getLogger(LogSettingsTest.class).warn("Kafka at {} unreachable", "k:9092");
            LoggerFactory.getLogger(LogSettingsTest.class).error("failed", new IllegalStateException("boom"));
        });
        List<String> lines = err.lines().toList();
        assertEquals(2, lines.size(), err);
        JsonNode warn = Json.MAPPER.readTree(lines.get(0));
        assertTrue(warn.path("ts").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), lines.get(0));
        assertEquals("WARN", warn.path("level").asText());
        assertEquals(LogSettingsTest.class.getName(), warn.path("logger").asText());
        assertEquals("Kafka at k:9092 unreachable", warn.path("msg").asText());
        JsonNode error = Json.MAPPER.readTree(lines.get(1));
        assertEquals("java.lang.IllegalStateException: boom", error.path("error").asText());
        assertTrue(error.path("stack").asText().contains("at io.logdoctor.cli.LogSettingsTest"), lines.get(1));
    }

    @Test
    void shouldStampTextLinesWithDateTimeAndZone() throws Exception {
        String err = stderrOf(() -> LoggerFactory.getLogger(LogSettingsTest.class).info("started"));
        assertTrue(err.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  LogSettingsTest - started\\n"), err);
    }

    @Test
    void shouldRefuseABadLevelBeforeRunningTheCommand() throws Exception {
        String err = stderrOf(() -> assertEquals(2, Main.run("tail", "--log-level", "loud", "--help")));
        assertEquals("logdoctor: --log-level loud: not one of trace, debug, info, warn, error\n", err);
    }

    private static String stderrOf(Runnable action) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
