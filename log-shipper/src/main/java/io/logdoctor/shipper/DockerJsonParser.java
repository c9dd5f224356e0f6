package io.logdoctor.shipper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads docker json-file lines, {@code {"log":"text\n","stream":"stdout","time":"..."}}. Docker
 * splits lines longer than 16 KiB into pieces whose {@code log} has no trailing newline; pieces are
 * joined per stream until the one that ends the line. One instance per file, not thread-safe.
 */
final class DockerJsonParser {

    private final int maxMessageChars;
    private final Map<String, StringBuilder> partial = new HashMap<>();

    DockerJsonParser(int maxMessageChars) {
        this.maxMessageChars = maxMessageChars;
    }

    /** One physical line in; the completed entry, {@link ParseResult#PENDING}, or malformed with the reason. */
    ParseResult accept(String text, long offset) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return new ParseResult.Malformed("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.path("log").isTextual()) {
            return new ParseResult.Malformed("no \"log\" text field");
        }
        String stream = node.path("stream").asText("stdout");
        String log = node.get("log").asText();
        StringBuilder pending = partial.computeIfAbsent(stream, s -> new StringBuilder());
        boolean ends = log.endsWith("\n");
        boolean truncated = pending.length() + log.length() > maxMessageChars;
        pending.append(log, 0, Math.min(log.length(), Math.max(0, maxMessageChars - pending.length())));
        if (!ends) {
            return ParseResult.PENDING;
        }
        String message = pending.toString();
        partial.remove(stream);
        if (message.endsWith("\n")) {
            message = message.substring(0, message.length() - 1);
        }
        return new ParseResult.Entry(node.path("time").asText(null), stream, message, offset, truncated);
    }
}
