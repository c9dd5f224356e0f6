package io.logdoctor.notifier;

import io.logdoctor.records.Redactor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * POSTs JSON and classifies the answer. Both APIs agree: 2xx is accepted (Slack 200 "ok", PagerDuty
 * 202), 429 and 5xx are worth retrying (PagerDuty: "retry after some time"), and any other 4xx
 * is a request that will never be accepted as it is (Slack: invalid_payload, action_prohibited,
 * channel_not_found, channel_is_archived; PagerDuty: invalid event).
 */
final class HttpPoster {

    private static final int BODY_IN_LOG_MAX = 300;

    private final HttpClient client;
    private final Duration timeout;

    HttpPoster(Duration timeout) {
        this(HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build(), timeout);
    }

    HttpPoster(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /** An answer: its status, its body, and the Retry-After header if it had one. */
    record Answer(int status, String body, Optional<String> retryAfter) {
    }

    /** One attempt; never throws for network trouble, which is an {@link Outcome.Retry}. */
    Outcome post(URI uri, byte[] json) throws InterruptedException {
        Request request = new Request("POST", uri, Map.of(), json);
        try {
            Answer a = exchange(request);
            return classify(a.status(), a.body(), a.retryAfter());
        } catch (IOException e) {
            return networkTrouble(e);
        }
    }

    /** Sends {@code request} once and returns the answer, whatever its status; throws for network trouble. */
    Answer exchange(Request request) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "logdoctor-notifier")
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(b::header);
        HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
    }

    /** Network trouble (refused, reset, timed out, TLS) is always worth another try. */
    static Outcome networkTrouble(IOException e) {
        return new Outcome.Retry(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Redactor.redact(e.getMessage())), null);
    }

    static Outcome classify(int status, String body, Optional<String> retryAfter) {
        if (status >= 200 && status < 300) {
            return new Outcome.Delivered(status);
        }
        String reason = "HTTP " + status + ": " + Text.cut(body == null ? "" : Redactor.redact(body.strip()), BODY_IN_LOG_MAX);
        if (status == 429) {
            return new Outcome.Retry(reason, retryAfter.map(HttpPoster::seconds).orElse(null));
        }
        if (status == 408 || status >= 500) {
            return new Outcome.Retry(reason, null);
        }
        return new Outcome.Rejected(reason);
    }

    /** Retry-After in delta-seconds (what Slack and PagerDuty send); an HTTP-date falls back to backoff. */
    static Duration seconds(String value) {
        try {
            long s = Long.parseLong(value.strip());
            return s < 0 ? null : Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
