package io.logdoctor.shipper.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;

/**
 * Parses docker json-file lines, {@code {"log":"text\n","stream":"stdout","time":"..."}}. Docker
 * splits lines longer than 16 KiB into pieces whose {@code log} has no trailing newline;
 * {@link LineAssembler} joins them per stream until the one that ends the line.
 */
final class DockerJsonParser {

    private DockerJsonParser() {
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
}
