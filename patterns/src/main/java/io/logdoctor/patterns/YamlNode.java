package io.logdoctor.patterns;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML tree that remembers the line of every value, so a validation error can name the line.
 * Jackson's own JsonNode tree forgets locations; this one is read from the streaming parser.
 */
final class YamlNode {

    enum Kind { SCALAR, MAP, LIST }

    private final Kind kind;
    private final int line;
    private final String scalar;
    private final Map<String, YamlNode> map;
    private final List<YamlNode> list;

    private YamlNode(Kind kind, int line, String scalar, Map<String, YamlNode> map, List<YamlNode> list) {
        this.kind = kind;
        this.line = line;
        this.scalar = scalar;
        this.map = map;
        this.list = list;
    }

    /** Reads one YAML document; a duplicate key is an error, as it would silently hide a value. */
    static YamlNode read(Reader reader) throws IOException {
        try (JsonParser parser = new YAMLFactory().createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode(Kind.MAP, 1, null, Map.of(), null);
            }
            return readValue(parser, lineOf(parser));
        }
    }

    private static YamlNode readValue(JsonParser parser, int line) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = lineOf(parser);
                parser.nextToken();
                YamlNode value = readValue(parser, keyLine);
                if (entries.put(key, value) != null) {
                    throw new DuplicateKeyException(key, keyLine);
                }
            }
            return new YamlNode(Kind.MAP, line, null, Collections.unmodifiableMap(entries), null);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(readValue(parser, lineOf(parser)));
            }
            return new YamlNode(Kind.LIST, line, null, null, List.copyOf(items));
        }
        String text = token == JsonToken.VALUE_NULL ? null : parser.getText();
        return new YamlNode(Kind.SCALAR, line, text, null, null);
    }

    private static int lineOf(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    Kind kind() {
        return kind;
    }

    int line() {
        return line;
    }

    /** The scalar's text, null for a YAML null; for maps and lists a short description. */
    String text() {
        return switch (kind) {
            case SCALAR -> scalar;
            case MAP -> "a mapping";
            case LIST -> "a list";
        };
    }

    Map<String, YamlNode> entries() {
        return map;
    }

    List<YamlNode> items() {
        return list;
    }

    /** Thrown by {@link #read} for a key given twice in one mapping. */
    static final class DuplicateKeyException extends IOException {
        final String key;
        final int line;

        DuplicateKeyException(String key, int line) {
            super("duplicate key '" + key + "'");
            this.key = key;
            this.line = line;
        }
    }
}
