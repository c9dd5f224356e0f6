package io.logdoctor.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** Small HTTP helpers for the integration tests: GET a body, or wait until a GET answers as wanted. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    record Response(int status, String body) {
    }

    static Response get(String url) {
        try {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Response(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "interrupted");
        }
    }

    /** Polls {@code url} until the response satisfies {@code wanted}, or fails after {@code timeout}. */
    static Response await(String url, Predicate<Response> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            last = get(url);
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        return fail("GET " + url + " never answered as wanted within " + timeout + "; last: " + last);
    }
}
