package io.logdoctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Json;
import io.logdoctor.records.Topics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code logdoctor signatures delete}: refuses an id the signatures topic does not hold, writes the
 * tombstone, and with {@code --app} waits for that streams app to load the new catalogue and reports what
 * it now runs under that id (nothing, or the bundled version a deleted override gave way to).
 */
final class SignatureDelete {

    private final String bootstrap;
    private final Map<String, String> kafkaProperties;
    private final String token;

    SignatureDelete(String bootstrap, Map<String, String> kafkaProperties, String token) {
        this.bootstrap = bootstrap;
        this.kafkaProperties = kafkaProperties;
        this.token = token;
    }

    /** Returns the exit code; the outcome goes to stderr, one line per step. */
    int delete(String id, URI app, Duration wait) throws Exception {
        boolean bundled = SignatureCatalog.bundled().signatures().stream().anyMatch(s -> s.id().equals(id));
        Map<String, String> pushed = SignatureTopic.current(bootstrap, kafkaProperties);
        if (!pushed.containsKey(id)) {
            say(bundled
                    ? "not deleted: " + id + " is a bundled signature that was never pushed; a tombstone cannot remove "
                      + "it (it only brings the bundled version back after an override)"
                    : "not deleted: " + Topics.SIGNATURES.name() + " holds no signature " + id + "; it holds "
                      + (pushed.isEmpty() ? "none" : pushed.size() + ": " + String.join(", ", pushed.keySet()))
                      + " (`logdoctor signatures list` shows the bundled ones)");
            return 1;
        }
        long before = app == null ? -1 : catalogue(app).get("version").asLong();
        SignaturePublisher.delete(bootstrap, kafkaProperties, id);
        say("tombstone for " + id + " written to " + Topics.SIGNATURES.name() + "; running apps "
                + (bundled ? "go back to the bundled version" : "remove it"));
        if (app == null) {
            return 0;
        }
        JsonNode after = awaitNewVersion(app, before, wait);
        if (after == null) {
            say(app + " still runs catalogue version " + before + " after " + wait.toSeconds()
                    + " s; it has not applied the delete (its log says why)");
            return 1;
        }
        String origin = null;
        for (JsonNode s : after.get("signatures")) {
            if (s.get("id").asText().equals(id)) {
                origin = s.get("origin").asText();
            }
        }
        long version = after.get("version").asLong();
        if (origin == null) {
            say(app + " removed " + id + " (catalogue version " + version + ")");
            return 0;
        }
        say(app + " runs " + id + " from " + origin + " (catalogue version " + version + ")");
        return "bundled".equals(origin) ? 0 : 1;
    }

    private JsonNode awaitNewVersion(URI app, long before, Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            JsonNode now = catalogue(app);
            if (now.get("version").asLong() > before) {
                return now;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return null;
    }

    private JsonNode catalogue(URI app) throws IOException, InterruptedException {
        URI uri = app.resolve("/signatures");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot read " + uri + " (" + e + "); is the streams app running with --http-port?", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode() + (response.statusCode() == 401
                    ? "; set LOGDOCTOR_HTTP_TOKEN to the app's token" : "") + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    private static void say(String line) {
        System.err.println("logdoctor signatures delete: " + line);
    }
}
