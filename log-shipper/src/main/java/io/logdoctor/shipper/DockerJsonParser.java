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

    /**
     * Parses one physical json-file line into the shape CRI lines have: a piece whose {@code log} does not
     * end in a newline is partial, and the newline that ends a line is not part of its message.
     *
     * @throws CriParser.MalformedLine if the line is not JSON or has no {@code log} text
     */
    static CriLine parseLine(String text) throws CriParser.MalformedLine {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CriParser.MalformedLine("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.path("log").isTextual()) {
            throw new CriParser.MalformedLine("no \"log\" text field");
        }
        String log = node.get("log").asText();
        boolean ends = log.endsWith("\n");
        String message = ends ? log.substring(0, log.length() - 1) : log;
        return new CriLine(node.path("time").asText(null), node.path("stream").asText(CriLine.STDOUT), !ends, message);
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
