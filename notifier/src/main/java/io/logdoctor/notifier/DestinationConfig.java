package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One destination's settings in the routes file ({@code destinations.<name>.<kind>}), read by its
 * kind's parser. Every error names the file, the key path and, unless it is a secret, the value.
 */
final class DestinationConfig {

    private final ConfigFile file;
    private final String path;
    private final JsonNode node;

    DestinationConfig(ConfigFile file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** Fails on any key not listed: a typo must not silently fall back to a default. */
    void allowOnly(String... keys) {
        file.allowOnly(node, path, keys);
    }

    boolean has(String key) {
        return node.has(key);
    }

    /** A required value ({@code ${VAR}} expanded). */
    String text(String key) {
        return file.text(path + "." + key, file.require(node, path, key));
    }

    String text(String key, String otherwise) {
        return node.has(key) ? text(key) : otherwise;
    }

    /** A required http(s) URL; never echoed in an error, since a webhook URL is a credential. */
    URI httpUri(String key) {
        return file.httpUri(path + "." + key, file.require(node, path, key));
    }

    URI httpUri(String key, URI otherwise) {
        return node.has(key) ? httpUri(key) : otherwise;
    }

    Duration duration(String key, Duration otherwise) {
        return node.has(key) ? file.duration(path + "." + key, node.get(key)) : otherwise;
    }

    /** A mapping of names to values, such as extra labels; empty when absent. */
    Map<String, String> map(String key) {
        Map<String, String> out = new TreeMap<>();
        if (!node.has(key)) {
            return out;
        }
        JsonNode m = node.get(key);
        if (!m.isObject()) {
            throw file.error(path + "." + key, "must be a mapping", m);
        }
        m.fields().forEachRemaining(e -> out.put(e.getKey(), file.text(path + "." + key + "." + e.getKey(), e.getValue())));
        return out;
    }

    /** A value that must be one of {@code allowed}. */
    String oneOf(String key, String otherwise, String... allowed) {
        String value = text(key, otherwise);
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw failure(key, "must be one of " + String.join(", ", allowed) + "; was '" + value + "'");
    }

    IllegalArgumentException failure(String key, String what) {
        return new IllegalArgumentException(file.file() + ": " + path + "." + key + ": " + what);
    }
}
