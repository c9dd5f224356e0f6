package io.logdoctor.shipper.lambda;

import io.logdoctor.shipper.testing.Topics4Test;

import static io.logdoctor.shipper.lambda.LambdaFixtures.ofDelivery;
import static io.logdoctor.shipper.lambda.LambdaFixtures.readLogsRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.LogRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory bombs of issue 10 against a shipper in its own JVM with {@code -Xmx256m} (the DaemonSet's
 * budget) and {@code -XX:+ExitOnOutOfMemoryError}, so running out of heap ends the process instead of
 * leaving it half alive: 5 concurrent 8 MiB Telemetry batches (no credentials needed), then Firehose
 * requests of about 800 KB whose 40 records each inflate to 15 MiB (600 MiB in all), 5 at once. Each
 * must get an answer (200, 413 or 503), and afterwards the process must be up, healthy, and put a canary
 * batch on logs.raw.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class LambdaMemoryIT {

    private static final String KEY = "memory-it-" + UUID.randomUUID();
    private static final String GROUP = "/aws/lambda/bomb";
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void shouldAnswerEveryBombAndStayUpWithin256MiB(EmbeddedKafka kafka) throws Exception {
        Topics4Test.create(kafka.bootstrapServers());
        Process shipper = start(kafka.bootstrapServers());
        try {
            int[] ports = awaitPorts();
            int lambda = ports[1];

            byte[] batch = telemetryBatch(LambdaConfig.DEFAULT_MAX_BODY_BYTES - 1024);
            Map<Integer, Integer> telemetry = concurrently(5, i -> post(lambda, "/telemetry?function=bomb&logStream=t" + i, batch));

            byte[] record = LambdaFixtures.gzip(LambdaFixtures.bomb(GROUP, "f", 15 * 1024 * 1024));
            List<String> data = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                data.add(Base64.getEncoder().encodeToString(record));
            }
            Map<Integer, Integer> firehose = concurrently(5, i -> {
                String id = UUID.randomUUID().toString();
                return post(lambda, "/firehose", LambdaFixtures.firehoseBodyOfData(id, data),
                        FirehoseHandler.REQUEST_ID, id, FirehoseHandler.ACCESS_KEY, KEY);
            });
            int firehoseBytes = LambdaFixtures.firehoseBodyOfData("x", data).length;
            String alone = UUID.randomUUID().toString();
            int bombAlone = post(lambda, "/firehose", LambdaFixtures.firehoseBodyOfData(alone, data),
                    FirehoseHandler.REQUEST_ID, alone, FirehoseHandler.ACCESS_KEY, KEY);

            assertTrue(shipper.isAlive(), "the shipper died (out of memory?): see target/LambdaMemoryIT-shipper.log");
            String rss = peakRss(shipper.pid());
            System.out.printf("LambdaMemoryIT: 5 concurrent %d-byte telemetry batches -> %s; 5 concurrent %d-byte firehose "
                    + "requests of 40 records inflating to 15 MiB each -> %s, then one alone -> %d; shipper -Xmx256m peak RSS %s%n",
                    batch.length, telemetry, firehoseBytes, firehose, bombAlone, rss);
            // Every request answered: admitted whole (the first always fits the budget alone) or 503 at once.
            assertTrue(telemetry.keySet().stream().allMatch(s -> s == 200 || s == 503), telemetry.toString());
            assertTrue(telemetry.getOrDefault(200, 0) >= 1, telemetry.toString());
            assertTrue(firehose.keySet().stream().allMatch(s -> s == 413 || s == 503), firehose.toString());
            assertTrue(firehose.getOrDefault(413, 0) >= 1, firehose.toString());
            assertEquals(413, bombAlone, "a bomb refused with 503 while others held the budget is refused for good when retried");

            assertEquals(200, get(ports[0], "/healthz"));
            String canary = "canary-" + UUID.randomUUID();
            byte[] small = ("[{\"time\":\"2024-05-01T10:00:00.120Z\",\"type\":\"function\",\"record\":\"" + canary + "\"}]")
                    .getBytes(StandardCharsets.UTF_8);
            assertEquals(200, post(lambda, "/telemetry?function=canary&logStream=c", small, TelemetryHandler.DELIVERY_ID, canary));
            List<LogRecord> read = readLogsRaw(kafka.bootstrapServers(), r -> !ofDelivery(r, canary).isEmpty());
            assertEquals(canary, ofDelivery(read, canary).get(0).line());
            assertTrue(shipper.isAlive());
        } finally {
            shipper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.copy(dir.resolve("shipper.log"), Path.of("target", "LambdaMemoryIT-shipper.log"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A Telemetry batch of function lines, 200 bytes each, of about {@code bytes} in all. */
    private static byte[] telemetryBatch(int bytes) {
        StringBuilder out = new StringBuilder(bytes).append('[');
        String line = "x".repeat(200);
        int i = 0;
        while (out.length() < bytes - 400) {
            out.append(i == 0 ? "" : ",").append("{\"time\":\"2024-05-01T10:00:00.120Z\",\"type\":\"function\",\"record\":\"")
                    .append(i++).append(' ').append(line).append("\"}");
        }
        return out.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private interface Request {
        int send(int i) throws Exception;
    }

    /** Runs {@code n} requests at once; counts their statuses. */
    private static Map<Integer, Integer> concurrently(int n, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                answers.add(pool.submit(() -> request.send(k)));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> a : answers) {
                statuses.merge(a.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The status, or -1 when the connection failed without an answer (what an out-of-memory receiver gives). */
    private int post(int port, String path, byte[] body, String... headers) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(PATIENCE).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private int get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(PATIENCE).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Process start(String bootstrap) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.createDirectories(dir.resolve("pods"));
        // Under failsafe java.class.path is a manifest-only jar whose Class-Path the child follows.
        return new ProcessBuilder(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                LambdaShipperMain.class.getName(), bootstrap, dir.resolve("pods").toString(), dir.resolve("state").toString(),
                dir.resolve("ports").toString(), KEY)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("shipper.log").toFile())).start();
    }

    private int[] awaitPorts() throws Exception {
        Path file = dir.resolve("ports");
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the shipper did not start within " + PATIENCE + ": " + Files.readString(dir.resolve("shipper.log")));
            }
            Thread.sleep(200);
        }
        String[] parts = Files.readString(file).strip().split(" ");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    /** VmHWM of the process: its peak resident set. */
    private static String peakRss(long pid) throws IOException {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        if (!Files.exists(status)) {
            return "unknown";
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.substring(6).strip()).findFirst().orElse("unknown");
    }
}
