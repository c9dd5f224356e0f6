package io.logdoctor.shipper.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.records.Json;
import io.logdoctor.records.TopicCreator;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real HTTP client for the receiver's ITs, and the answers it gets. */
final class LambdaHttp {

    /** An answer: the status, the JSON body and its Content-Type. */
    record Answer(int status, JsonNode body, String contentType) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private LambdaHttp() {
    }

    /** Creates logs.raw (three partitions) if missing and waits until it takes writes (KAFKA-15591). */
    static void createLogsRaw(EmbeddedKafka kafka) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicCreator(admin).createAll(List.of(Topics.LOGS_RAW), 3, (short) 1, Duration.ofSeconds(60));
        }
    }

    /** POSTs {@code body} with the headers given as name, value, name, value... */
    static Answer post(int port, String pathAndQuery, byte[] body, String... headers) {
        return send(port, pathAndQuery, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /** POSTs {@code body} chunked, without a Content-Length. */
    static Answer postChunked(int port, String pathAndQuery, byte[] body, String... headers) {
        return send(port, pathAndQuery, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), headers);
    }

    private static Answer send(int port, String pathAndQuery, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
