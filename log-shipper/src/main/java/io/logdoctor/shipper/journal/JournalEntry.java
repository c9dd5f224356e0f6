package io.logdoctor.shipper.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One entry of {@code journalctl --output=json}: the fields the journal source ships. journalctl prints a
 * field that is not valid UTF-8 (or holds control characters) as a JSON array of its bytes, and a field
 * that occurs several times in one entry as an array of its values (journalctl(1), "json"); both become
 * text here, bytes decoded as UTF-8 with U+FFFD for what is not (as Vector's journald source does).
 *
 * @param cursor     {@code __CURSOR}: where the entry is in the journal; {@code --after-cursor} resumes after it
 * @param realtimeUs {@code __REALTIME_TIMESTAMP}: when journald received it, microseconds since the epoch
 * @param message    {@code MESSAGE}, or null
 * @param unit       {@code _SYSTEMD_UNIT} (such as {@code kubelet.service}), or null
 * @param transport  {@code _TRANSPORT} ({@code kernel}, {@code stdout}, {@code journal}, {@code syslog}), or null
 * @param priority   {@code PRIORITY}, syslog's 0 (emerg) to 7 (debug), or null
 * @param identifier {@code SYSLOG_IDENTIFIER}, or null
 */
record JournalEntry(String cursor, long realtimeUs, String message, String unit, String transport, String priority,
                    String identifier) {

    /** The fields asked of journalctl ({@code --output-fields}); the cursor and timestamps come anyway. */
    static final List<String> FIELDS = List.of("MESSAGE", "_SYSTEMD_UNIT", "_TRANSPORT", "PRIORITY", "SYSLOG_IDENTIFIER");

    /**
     * Parses one line of {@code journalctl --output=json}.
     *
     * @throws IllegalArgumentException naming what is wrong (not JSON, no {@code __CURSOR}, a bad timestamp)
     */
    static JournalEntry parse(String line) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String cursor = text(node.get("__CURSOR"));
        if (cursor == null || cursor.isEmpty()) {
            throw new IllegalArgumentException("no __CURSOR field");
        }
        String realtime = text(node.get("__REALTIME_TIMESTAMP"));
        long micros;
        try {
            micros = Long.parseLong(realtime);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("__REALTIME_TIMESTAMP is not a number of microseconds: " + realtime);
        }
        return new JournalEntry(cursor, micros, text(node.get("MESSAGE")), text(node.get("_SYSTEMD_UNIT")),
                text(node.get("_TRANSPORT")), text(node.get("PRIORITY")), text(node.get("SYSLOG_IDENTIFIER")));
    }

    /**
     * A field's text: a string as it is; an array of numbers as UTF-8 bytes; an array of values (the field
     * occurred several times) as its last value, the one journald stored last. Null when absent or null
     * (journalctl prints a field over 4096 bytes as null without {@code --all}, which the source passes).
     */
    static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return "";
            }
            if (value.get(0).isNumber()) {
                return bytes(value);
            }
            return text(value.get(value.size() - 1));
        }
        return value.asText();
    }

    private static String bytes(JsonNode array) {
        byte[] bytes = new byte[array.size()];
        for (int i = 0; i < bytes.length; i++) {
            int b = array.get(i).asInt(-1);
            if (b < 0 || b > 255) {
                throw new IllegalArgumentException("a byte array field holds " + array.get(i) + ", not a byte");
            }
            bytes[i] = (byte) b;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not throw", e);
        }
    }
}
