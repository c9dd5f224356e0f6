package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.logdoctor.records.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 standing in for Slack or PagerDuty. It checks every body against
 * the documented format (a {@code check} that lists violations) and answers as the real API does
 * for an invalid one; scripted answers (429, 500) go first, then the normal success answer.
 */
final class FakeEndpoint implements AutoCloseable {

    /** One answer: status, body, headers. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer of(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    /** One request as received, with what the format check found wrong in it. */
    record Received(String path, String contentType, JsonNode body, List<String> violations, int status, long nanoTime,
                    String query, Map<String, String> headers, byte[] raw) {
    }

    /** A format check that also sees the request line and headers (a signature, an API key, a path). */
    @FunctionalInterface
    interface Check {
        List<String> violations(String path, String query, Map<String, String> headers, byte[] raw, JsonNode body);
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Check check;
    private final Answer success;
    private final Function<List<String>, Answer> invalid;

    private FakeEndpoint(Function<JsonNode, List<String>> check, Answer success, Function<List<String>, Answer> invalid) throws IOException {
        this((path, query, headers, raw, body) -> check.apply(body), success, invalid);
    }

    FakeEndpoint(Check check, Answer success, Function<List<String>, Answer> invalid) throws IOException {
        this.check = check;
        this.success = success;
        this.invalid = invalid;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Slack's incoming webhook: 200 "ok", 400 "invalid_blocks" for a body that breaks Block Kit's rules. */
    static FakeEndpoint slack() throws IOException {
        return new FakeEndpoint(Formats::slackViolations, Answer.of(200, "ok"), v -> Answer.of(400, "invalid_blocks"));
    }

    /** PagerDuty's Events API v2: 202 with a success body, 400 "invalid event" with the errors. */
    static FakeEndpoint pagerDuty() throws IOException {
        return new FakeEndpoint(Formats::pagerDutyViolations,
                Answer.of(202, "{\"status\":\"success\",\"message\":\"Event processed\"}"),
                v -> Answer.of(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":"
                        + Json.MAPPER.valueToTree(v) + "}"));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Answers the next requests with these, in order, before going back to normal. */
    void script(Answer... answers) {
        script.addAll(List.of(answers));
    }

    /** Drops the scripted answers not given yet: back to normal from the next request. */
    void unscript() {
        script.clear();
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<JsonNode> bodies() {
        return received.stream().map(Received::body).toList();
    }

    /** The bodies this endpoint answered with success. */
    List<JsonNode> accepted() {
        return received.stream().filter(r -> r.status() / 100 == 2).map(Received::body).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body;
            List<String> violations;
            try {
                body = Json.MAPPER.readTree(raw);
                violations = "POST".equals(exchange.getRequestMethod())
                        ? check.violations(exchange.getRequestURI().getPath(), exchange.getRequestURI().getQuery(), headers(exchange), raw, body)
                        : List.of("method " + exchange.getRequestMethod());
            } catch (IOException e) {
                body = null;
                violations = List.of("not JSON: " + e.getMessage());
            }
            Answer scripted = script.poll();
            Answer answer = !violations.isEmpty() ? invalid.apply(violations) : scripted != null ? scripted : success;
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    body, violations, answer.status(), System.nanoTime(), exchange.getRequestURI().getQuery(), headers(exchange), raw));
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    /** The request headers, names in lower case, first value of each. */
    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> out = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
