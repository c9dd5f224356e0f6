package io.logdoctor.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request with a JSON body: where, which method, the extra headers, and the exact bytes sent. */
record Request(String method, URI uri, Map<String, String> headers, byte[] body) {

    Request {
        headers = Map.copyOf(headers);
    }

    /** A POST of {@code json}, serialized once so every attempt (and a signature over it) sees the same bytes. */
    static Request post(URI uri, JsonNode json) {
        return new Request("POST", uri, Map.of(), bytes(json));
    }

    Request withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Request(method, uri, h, body);
    }

    static byte[] bytes(JsonNode json) {
        try {
            return Json.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
