package io.logdoctor.shipper.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.logdoctor.records.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A CloudWatch Logs endpoint on 127.0.0.1 that speaks the JSON 1.1 protocol as the API reference documents
 * it: {@code POST /} with {@code Content-Type: application/x-amz-json-1.1} and
 * {@code X-Amz-Target: Logs_20140328.FilterLogEvents} or {@code .DescribeLogGroups}, a SigV4
 * {@code Authorization} header (checked for shape, not verified), JSON bodies, {@code nextToken} paging,
 * and errors as HTTP 400 (500 for a server fault) with {@code {"__type": ..., "message": ...}}.
 *
 * <p>Events are kept sorted by timestamp, then by the order they were put, as FilterLogEvents sorts them.
 * Tests can throttle or fail the next calls and delete a log group.
 */
public final class FakeCloudWatchLogs implements AutoCloseable {

    private static final Pattern SIGV4 = Pattern.compile("AWS4-HMAC-SHA256 Credential=[A-Za-z0-9]+/\\d{8}/[a-z0-9-]+/logs/aws4_request, "
            + "SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}");
    private static final String JSON_11 = "application/x-amz-json-1.1";

    /** One stored event. */
    record Event(String id, long timestamp, String logStream, String message) {
    }

    private record Query(String group, long start, long end, int offset) {
    }

    private final HttpServer server;
    private final Map<String, List<Event>> groups = new ConcurrentHashMap<>();
    private final Map<String, Query> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger throttleFilters = new AtomicInteger();
    private final AtomicInteger failFilters = new AtomicInteger();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    /** Requests that broke the protocol (no signature, wrong content type): a test asserts there are none. */
    public final List<String> badRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    public volatile int eventsPerPage = 7;
    volatile int groupsPerPage = 2;

    public FakeCloudWatchLogs() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void createGroup(String group) {
        groups.putIfAbsent(group, new CopyOnWriteArrayList<>());
    }

    /** Puts an event with a fresh id, keeping the group sorted by timestamp; returns its id. */
    public synchronized String put(String group, String stream, long timestamp, String message) {
        createGroup(group);
        String id = String.format("%056d", ids.incrementAndGet()); // event ids are 56-digit strings
        List<Event> events = groups.get(group);
        int at = events.size();
        while (at > 0 && events.get(at - 1).timestamp() > timestamp) {
            at--;
        }
        events.add(at, new Event(id, timestamp, stream, message));
        return id;
    }

    public void deleteGroup(String group) {
        groups.remove(group);
    }

    /** The next {@code n} FilterLogEvents calls are answered ThrottlingException. */
    public void throttleNextFilters(int n) {
        throttleFilters.set(n);
    }

    /** The next {@code n} FilterLogEvents calls are answered HTTP 500 ServiceUnavailableException. */
    public void failNextFilters(int n) {
        failFilters.set(n);
    }

    public int calls(String action) {
        return calls.getOrDefault(action, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String problem = problem(exchange, target);
            if (problem != null) {
                badRequests.add(problem);
                reply(exchange, 400, error("IncompleteSignatureException", problem));
                return;
            }
            String action = target.substring("Logs_20140328.".length());
            calls.computeIfAbsent(action, k -> new AtomicInteger()).incrementAndGet();
            JsonNode request = Json.MAPPER.readTree(body);
            switch (action) {
                case "FilterLogEvents" -> filter(exchange, request);
                case "DescribeLogGroups" -> describe(exchange, request);
                default -> reply(exchange, 400, error("UnknownOperationException", "not served here: " + action));
            }
        }
    }

    private static String problem(HttpExchange exchange, String target) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())) {
            return "not POST /: " + exchange.getRequestMethod() + " " + exchange.getRequestURI();
        }
        if (type == null || !type.startsWith(JSON_11)) {
            return "Content-Type is " + type;
        }
        if (target == null || !target.startsWith("Logs_20140328.")) {
            return "X-Amz-Target is " + target;
        }
        if (auth == null || !SIGV4.matcher(auth).matches()) {
            return "Authorization is not SigV4: " + auth;
        }
        if (exchange.getRequestHeaders().getFirst("X-Amz-Date") == null) {
            return "no X-Amz-Date";
        }
        return null;
    }

    private void filter(HttpExchange exchange, JsonNode request) throws IOException {
        if (throttleFilters.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(exchange, 400, error("ThrottlingException", "Rate exceeded"));
            return;
        }
        if (failFilters.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(exchange, 500, error("ServiceUnavailableException", "The service cannot complete the request."));
            return;
        }
        String group = request.path("logGroupName").asText();
        List<Event> events = groups.get(group);
        if (events == null) {
            reply(exchange, 400, error("ResourceNotFoundException", "The specified log group does not exist."));
            return;
        }
        Query q = request.hasNonNull("nextToken") ? tokens.remove(request.get("nextToken").asText())
                : new Query(group, request.path("startTime").asLong(0), request.path("endTime").asLong(Long.MAX_VALUE), 0);
        if (q == null || !q.group().equals(group)) {
            reply(exchange, 400, error("InvalidParameterException", "The nextToken is not valid."));
            return;
        }
        List<Event> matching = new ArrayList<>();
        for (Event e : events) {
            if (e.timestamp() >= q.start() && e.timestamp() <= q.end()) { // both ends inclusive
                matching.add(e);
            }
        }
        int to = Math.min(matching.size(), q.offset() + eventsPerPage);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode out = answer.putArray("events");
        for (Event e : matching.subList(Math.min(q.offset(), matching.size()), to)) {
            out.addObject().put("logStreamName", e.logStream()).put("timestamp", e.timestamp())
                    .put("message", e.message()).put("ingestionTime", e.timestamp() + 50).put("eventId", e.id());
        }
        answer.putArray("searchedLogStreams");
        if (to < matching.size()) {
            String token = UUID.randomUUID().toString();
            tokens.put(token, new Query(q.group(), q.start(), q.end(), to));
            answer.put("nextToken", token);
        }
        reply(exchange, 200, answer);
    }

    private void describe(HttpExchange exchange, JsonNode request) throws IOException {
        String prefix = request.path("logGroupNamePrefix").asText("");
        int offset = request.hasNonNull("nextToken") ? Integer.parseInt(request.get("nextToken").asText()) : 0;
        List<String> names = new ArrayList<>(new TreeMap<>(groups).keySet());
        names.removeIf(n -> !n.startsWith(prefix));
        int to = Math.min(names.size(), offset + groupsPerPage);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode out = answer.putArray("logGroups");
        for (String name : names.subList(Math.min(offset, names.size()), to)) {
            out.addObject().put("logGroupName", name).put("creationTime", 1_700_000_000_000L).put("storedBytes", 0)
                    .put("arn", "arn:aws:logs:us-east-1:123456789012:log-group:" + name + ":*");
        }
        if (to < names.size()) {
            answer.put("nextToken", String.valueOf(to));
        }
        reply(exchange, 200, answer);
    }

    private static ObjectNode error(String type, String message) {
        return Json.MAPPER.createObjectNode().put("__type", type).put("message", message);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", JSON_11);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
