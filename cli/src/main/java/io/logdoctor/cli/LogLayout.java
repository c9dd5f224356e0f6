package io.logdoctor.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.logdoctor.records.Json;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One log event as one line: text ({@code 2026-03-01T10:00:00.123+01:00 WARN  KafkaReachability - ...}) or a JSON
 * object ({@code {"ts":"2026-03-01T09:00:00.123Z","level":"WARN","logger":"...","thread":"...","msg":"..."}}, with
 * {@code "error"} holding a stack trace), so a log shipper reads it without a multi-line rule. Timestamps are
 * ISO 8601 with date and zone: the local zone's offset in text, UTC in JSON.
 */
public final class LogLayout extends LayoutBase<ILoggingEvent> {

    /** The text format's time: ISO 8601 with millis and the zone offset. */
    static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private static volatile boolean json;
    private static volatile ZoneId zone = ZoneId.systemDefault();

    /** Switches every logdoctor appender to JSON lines ({@code true}) or text. */
    static void json(boolean on) {
        json = on;
    }

    /** The zone of text timestamps (tests). */
    static void zone(ZoneId z) {
        zone = z;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return json ? json(event) : text(event);
    }

    static String text(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(128);
        out.append(TEXT_TIME.format(Instant.ofEpochMilli(event.getTimeStamp()).atZone(zone))).append(' ')
                .append(String.format("%-5s", event.getLevel())).append(' ')
                .append(shortName(event.getLoggerName())).append(" - ").append(event.getFormattedMessage()).append('\n');
        if (event.getThrowableProxy() != null) {
            out.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
        }
        return out.toString();
    }

    static String json(ILoggingEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("level", event.getLevel().toString());
        line.put("logger", event.getLoggerName());
        line.put("thread", event.getThreadName());
        line.put("msg", event.getFormattedMessage());
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            line.put("error", error.getClassName() + (error.getMessage() == null ? "" : ": " + error.getMessage()));
            line.put("stack", ThrowableProxyUtil.asString(error));
        }
        try {
            return Json.MAPPER.writeValueAsString(line) + "\n";
        } catch (JsonProcessingException e) { // a map of strings always serializes; say so if it did not
            return "{\"level\":\"ERROR\",\"msg\":\"cannot write a log line as JSON: " + e.getOriginalMessage().replace("\"", "'") + "\"}\n";
        }
    }

    private static String shortName(String logger) {
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }
}
