package io.logdoctor.shipper;

import io.logdoctor.shipper.cloudwatch.CloudWatchConfig;
import io.logdoctor.shipper.cloudwatch.CloudWatchSource;
import io.logdoctor.shipper.cloudwatch.FakeCloudWatchLogs;
import io.logdoctor.shipper.cloudwatch.SdkLogsApi;
import io.logdoctor.shipper.files.FileCheckpoint;
import io.logdoctor.shipper.files.PodLogScanner;
import io.logdoctor.shipper.files.PodSelector;
import io.logdoctor.shipper.sink.LogSink;
import io.logdoctor.shipper.sink.TransactionalSink;
import io.logdoctor.shipper.testing.RawLines;
import io.logdoctor.shipper.testing.Topics4Test;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CloudWatch source end to end: the real SDK client against the local JSON 1.1 endpoint, the shipper's
 * loop and transactional sink against the real broker, and {@code logs.raw} read under read_committed.
 * Event timestamps share milliseconds across page boundaries (5 per millisecond, 7 per page).
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class CloudWatchIT {

    private static final String REQUEST = "8f5a1e3c-2b1d-4c6e-9f0a-1b2c3d4e5f60";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static String bootstrap;

    @TempDir
    Path dir;
    private FakeCloudWatchLogs aws;
    private String cluster;
    private final List<LogShipper> running = new ArrayList<>();

    @BeforeAll
    static void topics(EmbeddedKafka kafka) throws InterruptedException {
        bootstrap = kafka.bootstrapServers();
        Topics4Test.create(bootstrap);
    }

    @BeforeEach
    void start() throws Exception {
        aws = new FakeCloudWatchLogs();
        cluster = "cw-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        running.forEach(s -> {
            try {
                s.close();
            } catch (RuntimeException e) {
                // a shipper a test crashed on purpose
            }
        });
        aws.close();
    }

    @Test
    void shouldShipEveryEventOfEveryPageOfEveryGroupExactlyOnceAndThenFollowNewOnes() {
        long base = System.currentTimeMillis() - 600_000;
        Map<String, String> expected = new HashMap<>();
        for (String fn : List.of("orders", "payments", "refunds")) {
            expected.putAll(invocations("/aws/lambda/" + fn, base, 60));
        }
        aws.createGroup("/ecs/not-lambda"); // not under the prefix: never read
        Tailing source = startShipper(null);

        try (RawLines raw = new RawLines(bootstrap, cluster)) {
            assertTrue(raw.pollUntil(r -> r.counts.size() >= expected.size(), WAIT), "lines: " + raw.counts.size());
            Map<String, String> more = invocations("/aws/lambda/orders", System.currentTimeMillis() - 1000, 3);
            expected.putAll(more);
            assertTrue(raw.pollUntil(r -> r.counts.size() >= expected.size(), WAIT), "new events followed");
            raw.pollUntil(r -> false, Duration.ofSeconds(1)); // anything repeated would show by now

            assertExactlyOnce(expected, raw);
            LogRecord start = raw.records.stream().filter(r -> r.line().startsWith("START")).findFirst().orElseThrow();
            assertEquals("lambda", start.source());
            assertEquals(REQUEST, start.requestId());
            assertEquals("2026/03/01/[$LATEST]0a1b2c", start.logStream());
            assertTrue(start.deliveryId().startsWith("cloudwatch:" + start.logGroup() + ":"), start.deliveryId());
            assertTrue(Set.of("orders", "payments", "refunds").contains(start.function()));
            LogRecord json = raw.records.stream().filter(r -> r.line().startsWith("{")).findFirst().orElseThrow();
            assertEquals(REQUEST, json.requestId(), "JSON-format line parsed as on the Firehose path");
        }
        assertTrue(aws.calls("FilterLogEvents") >= 3 * (60 * 4 / 7), "paged: " + aws.calls("FilterLogEvents"));
        assertTrue(aws.calls("DescribeLogGroups") >= 2, "listing paged too");
        assertEquals(List.of(), aws.badRequests);
        String metrics = source.shipper.metricsText();
        assertTrue(metrics.contains("logdoctor_shipper_cloudwatch_log_groups 3.0"), metrics);
        assertTrue(metrics.contains("logdoctor_shipper_cloudwatch_events_total{api=\"FilterLogEvents\",log_group=\"/aws/lambda/orders\"} 252.0"), metrics);
        assertTrue(metrics.contains("logdoctor_shipper_cloudwatch_lag_seconds{log_group=\"/aws/lambda/payments\"} "), metrics);
        double lag = Double.parseDouble(metrics.split("lag_seconds\\{log_group=\"/aws/lambda/payments\"} ")[1].split("\n")[0]);
        assertTrue(lag < 60, "an idle group read to its end is not behind: " + lag);
    }

    @Test
    void shouldResumeFromTheCommittedCheckpointAfterACleanStopAndAfterACrashMidTransaction() {
        aws.eventsPerPage = 5; // one millisecond's events may span two pages
        long base = System.currentTimeMillis() - 600_000;
        Map<String, String> expected = invocations("/aws/lambda/orders", base, 150);
        try (RawLines raw = new RawLines(bootstrap, cluster)) {
            Tailing first = startShipper(null);
            assertTrue(raw.pollUntil(r -> r.counts.size() >= 100, WAIT));
            first.shipper.close(); // commits what it read
            running.remove(first.shipper);
            int afterFirst = raw.counts.size();
            assertTrue(afterFirst < expected.size(), "stopped mid-way: " + afterFirst);

            Tailing second = startShipper(2); // sends a transaction's events, then dies before committing it
            assertTrue(second.shipper.whenStopped().handle((ok, failure) -> failure != null).join());
            Tailing third = startShipper(null);
            assertTrue(raw.pollUntil(r -> r.counts.size() >= expected.size(), WAIT), "lines: " + raw.counts.size());
            raw.pollUntil(r -> false, Duration.ofSeconds(1));

            assertExactlyOnce(expected, raw);
            assertTrue(third.source.metrics().events() < expected.size(), "the third resumed, it did not start over");
        }
    }

    @Test
    void shouldBackOffWhenThrottledCountEveryThrottleAndLoseNothing() {
        long base = System.currentTimeMillis() - 600_000;
        Map<String, String> expected = invocations("/aws/lambda/orders", base, 40);
        aws.throttleNextFilters(5);
        Tailing source = startShipper(null);
        try (RawLines raw = new RawLines(bootstrap, cluster)) {
            assertTrue(raw.pollUntil(r -> r.counts.size() >= expected.size() / 2, WAIT));
            aws.failNextFilters(1);
            assertTrue(raw.pollUntil(r -> r.counts.size() >= expected.size(), WAIT), "lines: " + raw.counts.size());
            raw.pollUntil(r -> false, Duration.ofSeconds(1));
            assertExactlyOnce(expected, raw);
        }
        assertEquals(5, source.source.metrics().throttles());
        assertEquals(1, source.source.metrics().errors());
        String metrics = source.shipper.metricsText();
        assertTrue(metrics.contains("logdoctor_shipper_cloudwatch_throttles_total{api=\"FilterLogEvents\",log_group=\"/aws/lambda/orders\"} 5.0"), metrics);
    }

    @Test
    void shouldDropADeletedLogGroupWithItsCheckpointAndGoOnWithTheOthers() {
        long base = System.currentTimeMillis() - 600_000;
        Map<String, String> expected = invocations("/aws/lambda/orders", base, 20);
        expected.putAll(invocations("/aws/lambda/doomed", base, 20));
        Tailing source = startShipper(null);
        try (RawLines raw = new RawLines(bootstrap, cluster)) {
            assertTrue(raw.pollUntil(r -> r.counts.size() >= expected.size(), WAIT));
            aws.deleteGroup("/aws/lambda/doomed");
            expected.putAll(invocations("/aws/lambda/orders", System.currentTimeMillis() - 1000, 5));
            assertTrue(raw.pollUntil(r -> r.counts.size() >= expected.size(), WAIT), "lines: " + raw.counts.size());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (source.source.metrics().deletedGroups() == 0 && System.nanoTime() < deadline) {
                raw.pollUntil(r -> false, Duration.ofMillis(200));
            }
            raw.pollUntil(r -> false, Duration.ofSeconds(1));
            assertExactlyOnce(expected, raw);
        }
        assertEquals(1, source.source.metrics().deletedGroups());
        Map<String, byte[]> offsets = committedOffsets("cw-node/cloudwatch/");
        assertTrue(offsets.containsKey("/aws/lambda/orders"), offsets.keySet().toString());
        assertFalse(offsets.containsKey("/aws/lambda/doomed"), "the deleted group's checkpoint is tombstoned");
        assertTrue(source.shipper.metricsText().contains("logdoctor_shipper_cloudwatch_log_groups_deleted_total 1.0"));
    }

    /** A running shipper and its CloudWatch source. */
    private record Tailing(LogShipper shipper, CloudWatchSource source) {
    }

    /** Starts a shipper tailing {@code /aws/lambda/}; with {@code crashAtCommit} it dies at that commit. */
    private Tailing startShipper(Integer crashAtCommit) {
        ShipperConfig config = ShipperConfig.defaults(bootstrap, dir.resolve("pods"), dir.resolve("state"))
                .withCluster(cluster).withNode("cw-node").withPollInterval(Duration.ofMillis(50));
        CloudWatchConfig cw = CloudWatchConfig.of(List.of(), "/aws/lambda/", "us-east-1", aws.endpoint())
                .withInterval(Duration.ofMillis(300)).withLookback(Duration.ofHours(1)).withLatency(Duration.ZERO)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
        ShipperMetrics metrics = new ShipperMetrics(Clock.systemUTC());
        LogSink sink = TransactionalSink.create(config, metrics, () -> { });
        if (crashAtCommit != null) {
            sink = new CrashingSink(sink, crashAtCommit);
        }
        CloudWatchSource source = new CloudWatchSource(cw, SdkLogsApi.create(cw,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret"))), cluster);
        ShipperLoop loop = new ShipperLoop(new PodLogScanner(config.podsRoot(), null, new PodSelector(List.of(), List.of())),
                sink, config, Clock.systemUTC(), metrics, List.of(source));
        LogShipper shipper = LogShipper.start(loop, sink, config.pollInterval(), metrics);
        source.metrics().bindTo(metrics.registry(), Clock.systemUTC());
        running.add(shipper);
        return new Tailing(shipper, source);
    }

    /** Puts {@code n} invocations (4 lines each, text and JSON format) on two streams; returns line -> group. */
    private Map<String, String> invocations(String group, long base, int n) {
        Map<String, String> lines = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String stream = i % 2 == 0 ? "2026/03/01/[$LATEST]0a1b2c" : "2026/03/01/[$LATEST]3d4e5f";
            String tag = group + "#" + UUID.randomUUID().toString().substring(0, 8);
            List<String> inv = List.of(
                    "START RequestId: " + REQUEST + " Version: $LATEST " + tag,
                    "2026-03-01T12:00:00.000Z\t" + REQUEST + "\tINFO\tprocessing " + tag,
                    "{\"level\":\"ERROR\",\"requestId\":\"" + REQUEST + "\",\"message\":\"" + tag + "\"}",
                    "REPORT RequestId: " + REQUEST + "\tDuration: 12.3 ms\t" + tag);
            for (int k = 0; k < inv.size(); k++) {
                aws.put(group, stream, base + (i * 4L + k) / 5, inv.get(k) + "\n"); // 5 events per millisecond
                lines.put(inv.get(k), group);
            }
        }
        return lines;
    }

    private static void assertExactlyOnce(Map<String, String> expected, RawLines raw) {
        List<String> missing = expected.keySet().stream().filter(l -> !raw.counts.containsKey(l)).toList();
        assertEquals(List.of(), missing.subList(0, Math.min(5, missing.size())), missing.size() + " lost");
        assertEquals(0, raw.duplicated(), "duplicated");
        assertEquals(expected.size(), raw.counts.size(), "no line that was not put");
    }

    /** The last committed value of each key of this cluster starting with {@code cluster/<suffix>}. */
    private Map<String, byte[]> committedOffsets(String suffix) {
        String prefix = cluster + "/" + suffix;
        Map<String, byte[]> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.SHIPPER_OFFSETS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.key().startsWith(prefix)) {
                        if (r.value() == null) {
                            found.remove(r.key().substring(prefix.length()));
                        } else {
                            found.put(r.key().substring(prefix.length()), r.value());
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Passes everything on, but dies (like kill -9) at its n-th commit, leaving that transaction open. */
    private static final class CrashingSink implements LogSink {
        private final LogSink delegate;
        private final int crashAt;
        private int commits;

        CrashingSink(LogSink delegate, int crashAt) {
            this.delegate = delegate;
            this.crashAt = crashAt;
        }

        @Override
        public Map<String, FileCheckpoint> restore() {
            return delegate.restore();
        }

        @Override
        public Map<String, byte[]> restoredSources() {
            return delegate.restoredSources();
        }

        @Override
        public void send(LogRecord record) {
            delegate.send(record);
        }

        @Override
        public void sendCheckpoint(String key, Object checkpoint) {
            delegate.sendCheckpoint(key, checkpoint);
        }

        @Override
        public void commit(Map<String, FileCheckpoint> all, Set<String> changed, Set<String> removed) {
            if (++commits == crashAt) {
                throw new IllegalStateException("simulated kill -9 before the commit");
            }
            delegate.commit(all, changed, removed);
        }

        @Override
        public void abort() {
            delegate.abort();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
