package io.logdoctor.shipper;

import io.logdoctor.shipper.events.EventsConfig;
import io.logdoctor.shipper.events.EventsSource;
import io.logdoctor.shipper.events.GoneOnDemand;
import io.logdoctor.shipper.events.KubeEventRecord;
import io.logdoctor.shipper.events.KubeEventsApi;
import io.logdoctor.shipper.events.KubeEventsClient;
import io.logdoctor.shipper.events.KubeMock;
import io.logdoctor.shipper.sink.LogSink;
import io.logdoctor.shipper.sink.TransactionalSink;
import io.logdoctor.shipper.testing.RawLines;
import io.logdoctor.shipper.testing.Topics4Test;

import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes Events source end to end: the fabric8 client against fabric8's API server fake in CRUD mode
 * (no API server can run here), the shipper's loop and transactional sink against the real broker, and
 * {@code logs.raw} read under read_committed. One occurrence is one {@code deliveryId} (uid and count).
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class EventsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NS = "shop";
    private static String bootstrap;

    @TempDir
    Path dir;
    private KubeMock kube;
    private String cluster;
    private final List<LogShipper> running = new ArrayList<>();

    @BeforeAll
    static void topics(EmbeddedKafka kafka) throws InterruptedException {
        bootstrap = kafka.bootstrapServers();
        Topics4Test.create(bootstrap);
    }

    @BeforeEach
    void start() {
        kube = new KubeMock();
        cluster = "events-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        running.forEach(LogShipper::close);
        kube.close();
    }

    @Test
    void shouldShipEachWarningOnceAgainWhenItsCountGrowsAndNothingTwiceAcrossARestart() {
        kube.deploymentPod(NS, "api-7d9f", "api-7d9f-x2x8q");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            expected.add(id(kube.event(NS, "api-7d9f-x2x8q.17e" + i, "api-7d9f-x2x8q", "Warning", "BackOff",
                    "Back-off restarting failed container api in pod api-7d9f-x2x8q_shop(uid-" + i + ")")));
        }
        kube.event(NS, "normal-1", "api-7d9f-x2x8q", "Normal", "Pulled", "Successfully pulled image \"api:1\""); // not shipped
        try (RawLines raw = new RawLines(bootstrap, cluster)) {
            Running first = startShipper(null, new EventsConfig(null).alone());
            assertTrue(raw.pollUntil(r -> ids(r).size() >= expected.size(), WAIT), "shipped: " + ids(raw).size());

            LogRecord r = raw.records.get(0);
            assertEquals(LogRecord.SOURCE_K8S_EVENT, r.source());
            assertEquals(NS, r.namespace());
            assertEquals("api-7d9f-x2x8q", r.pod());
            assertEquals("ip-10-0-1-17", r.node());
            assertEquals("BackOff", r.attributes().get("reason"));
            assertEquals("Warning", r.attributes().get("type"));
            assertEquals("Pod", r.attributes().get("kind"));
            assertEquals("api-7d9f-x2x8q", r.attributes().get("name"));
            assertEquals("uid-api-7d9f-x2x8q", r.attributes().get("uid"));
            assertEquals("Deployment/api", r.attributes().get("owner"));
            assertTrue(r.line().startsWith("Back-off restarting failed container api in pod"), r.line());

            Event grown = kube.repeat(NS, "api-7d9f-x2x8q.17e3", 2);
            expected.add(id(grown));
            kube.repeat(NS, "api-7d9f-x2x8q.17e3", 2); // the same count again: not a new occurrence
            assertTrue(raw.pollUntil(rr -> ids(rr).size() >= expected.size(), WAIT), "the repeat shipped");
            first.shipper.close();
            running.remove(first.shipper);

            for (int i = 20; i < 25; i++) { // while nobody watches
                expected.add(id(kube.event(NS, "api-7d9f-x2x8q.17e" + i, "api-7d9f-x2x8q", "Warning", "Unhealthy",
                        "Liveness probe failed: HTTP probe failed with statuscode: 500 #" + i)));
            }
            Running second = startShipper(null, new EventsConfig(null).alone());
            assertTrue(raw.pollUntil(rr -> ids(rr).size() >= expected.size(), WAIT), "resumed: " + ids(raw).size());
            raw.pollUntil(rr -> false, Duration.ofSeconds(2)); // a repeat would show by now

            assertEquals(expected, ids(raw), "every occurrence, nothing else");
            assertEquals(Map.of(), duplicates(raw), "nothing twice");
            assertEquals(5, second.source.shipped(), "the second resumed from its checkpoint, it did not ship again");
            assertTrue(raw.records.stream().noneMatch(x -> "Normal".equals(x.attributes().get("type"))), "Warning only by default");
        }
    }

    @Test
    void shouldRelistOn410GoneAndShipOnlyWhatTheWatchMissed() {
        Set<String> expected = new HashSet<>();
        // This one watches namespace shop only, all types: a Normal event ships, another namespace's does not.
        expected.add(id(kube.event(NS, "pulled.1", "web-0", "Normal", "Pulled", "Successfully pulled image \"web:2\" in 1.2s")));
        kube.event("other", "sched.other", "batch-0", "Warning", "FailedScheduling", "0/3 nodes are available: 3 Insufficient cpu.");
        for (int i = 0; i < 10; i++) {
            expected.add(id(kube.event(NS, "sched.a" + i, "web-" + i, "Warning", "FailedScheduling",
                    "0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.")));
        }
        GoneOnDemand api = new GoneOnDemand(new KubeEventsClient(kube.createClient(), NS));
        try (RawLines raw = new RawLines(bootstrap, cluster)) {
            Running shipper = startShipper(api, new EventsConfig(NS).withAllTypes(true).alone());
            assertTrue(raw.pollUntil(r -> ids(r).size() >= expected.size(), WAIT));
            int listsBefore = api.lists.get();
            api.deafen(); // the watch falls behind ...
            for (int i = 0; i < 5; i++) {
                expected.add(id(kube.event(NS, "sched.b" + i, "web-b" + i, "Warning", "FailedScheduling",
                        "0/12 nodes are available: 12 Insufficient cpu.")));
            }
            expected.add(id(kube.repeat(NS, "sched.a0", 4)));
            api.gone(); // ... and its resourceVersion is too old
            assertTrue(raw.pollUntil(r -> ids(r).size() >= expected.size(), WAIT), "relisted: " + ids(raw).size());
            raw.pollUntil(r -> false, Duration.ofSeconds(2));

            assertEquals(expected, ids(raw));
            assertEquals(Map.of(), duplicates(raw));
            assertEquals(listsBefore + 1, api.lists.get(), "one relist");
            assertEquals(1, shipper.source.gaps());
            assertTrue(shipper.shipper.metricsText().contains("logdoctor_shipper_events_gone_total 1.0"), shipper.shipper.metricsText());
            LogRecord scheduling = raw.records.stream().filter(r -> "FailedScheduling".equals(r.attributes().get("reason")))
                    .findFirst().orElseThrow();
            assertNull(scheduling.attributes().get("owner"), "web-0 does not exist: no owner, and no failure");
        }
    }

    /** A running shipper and its events source. */
    private record Running(LogShipper shipper, EventsSource source) {
    }

    private Running startShipper(KubeEventsApi api, EventsConfig events) {
        ShipperConfig config = ShipperConfig.defaults(bootstrap, dir.resolve("pods"), dir.resolve("state"))
                .withCluster(cluster).withNode("k8s-events").withPollInterval(Duration.ofMillis(50));
        ShipperMetrics metrics = new ShipperMetrics(Clock.systemUTC());
        LogSink sink = TransactionalSink.create(config, metrics, () -> { });
        EventsSource source = new EventsSource(events,
                api != null ? api : new KubeEventsClient(kube.createClient(), null), cluster);
        ShipperLoop loop = new ShipperLoop(List::of, sink, config, Clock.systemUTC(), metrics, List.of(source));
        LogShipper shipper = LogShipper.start(loop, sink, config.pollInterval(), metrics);
        source.bindMetrics(metrics.registry(), Clock.systemUTC());
        running.add(shipper);
        return new Running(shipper, source);
    }

    private static String id(Event e) {
        return KubeEventRecord.deliveryId(e);
    }

    private static Set<String> ids(RawLines raw) {
        return raw.records.stream().map(LogRecord::deliveryId).collect(Collectors.toSet());
    }

    private static Map<String, Long> duplicates(RawLines raw) {
        Map<String, Long> counts = new HashMap<>();
        raw.records.forEach(r -> counts.merge(r.deliveryId(), 1L, Long::sum));
        counts.values().removeIf(n -> n == 1);
        return counts;
    }
}
