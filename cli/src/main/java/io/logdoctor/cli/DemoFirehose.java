package io.logdoctor.cli;

import io.logdoctor.records.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * The demo's Lambda incident, delivered as AWS delivers it: a CloudWatch Logs subscription payload,
 * gzipped and base64-encoded as a record of a Firehose HTTP endpoint delivery request, POSTed to the
 * shipper's Lambda receiver with the access key header.
 */
final class DemoFirehose {

    private DemoFirehose() {
    }

    /** Delivers {@code payload} (a CloudWatch Logs DATA_MESSAGE as JSON) and returns how many log events it held. */
    static int deliver(int port, String accessKey, Path payload) throws IOException, InterruptedException {
        byte[] json = Files.readAllBytes(payload);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(json); // CloudWatch Logs gzips every subscription payload
        }
        String requestId = UUID.randomUUID().toString();
        String body = Json.MAPPER.writeValueAsString(Map.of("requestId", requestId, "timestamp", System.currentTimeMillis(),
                "records", List.of(Map.of("data", Base64.getEncoder().encodeToString(gzipped.toByteArray())))));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/firehose"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("X-Amz-Firehose-Request-Id", requestId)
                .header("X-Amz-Firehose-Access-Key", accessKey)
                .header("X-Amz-Firehose-Protocol-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the Lambda receiver refused the demo's Firehose delivery of " + payload + ": "
                    + response.statusCode() + " " + response.body());
        }
        return Json.MAPPER.readTree(json).path("logEvents").size();
    }
}
