package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.HttpOptions;
import io.logdoctor.records.Incident;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Silence;
import io.logdoctor.records.SilenceMatchers;
import io.logdoctor.records.TopicCreator;
import io.logdoctor.records.Topics;
import io.logdoctor.streams.DiagnosisApp;
import io.logdoctor.streams.IncidentTiming;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's done-means, on the embedded broker: the real streams app turns the logs of 40 aws-node pods
 * on 40 nodes into one incident, and the notifier pages it once per destination (PagerDuty, Slack, Opsgenie
 * against local servers that check the real formats, Alertmanager as the real binary when installed), then
 * resolves it once each. A silence made while the pods of another cluster fire holds theirs back until it
 * is expired; a node NotReady holds back the incident of its pods. The pods keep logging a retry a second
 * until the test lets them go quiet. Short group_wait and quiet periods come from settings (a copy of the
 * two signatures with a 5 s quiet), never from sleeping.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class IncidentPagingIT {

    private static final Logger log = LoggerFactory.getLogger(IncidentPagingIT.class);
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String PD_KEY = "R0123456789abcdef0123456789abcdef";
    private static final String OG_KEY = "0a1b2c3d-0000-4000-8000-000000000001";
    private static final IncidentTiming TIMING = new IncidentTiming(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofHours(1),
            IncidentTiming.DEFAULTS.groupBy());
    private final HttpClient http = HttpClient.newHttpClient();
    /** Lines re-sent every second with a fresh time, so their diagnoses keep firing until the test lets them go quiet. */
    private final Set<Line> alive = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService feeder;

    private record Line(String cluster, String node, String pod, String container, String text) {
    }

    @TempDir
    Path dir;

    @Test
    void shouldPageOncePerIncidentHoldBackSilencedAndInhibitedOnesAndResolveOnce(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicCreator(admin).createAll(Topics.ALL, 3, (short) 1, Duration.ofSeconds(60));
        }
        AlertmanagerProcess am = AlertmanagerProcess.binary() == null ? null : AlertmanagerProcess.start(Files.createDirectories(dir.resolve("am")), DEADLINE);
        if (am == null) {
            log.warn("Alertmanager part skipped: {}", AlertmanagerProcess.MISSING);
        }
        try (FakeEndpoint pagerDuty = FakeEndpoint.pagerDuty(); FakeEndpoint slack = FakeEndpoint.slack();
             FakeEndpoint opsgenie = DestinationFormats.opsgenie(OG_KEY);
             DiagnosisApp app = DiagnosisApp.start(new DiagnosisApp.Options(bootstrap, dir.resolve("state"), shortQuietCatalog(), false, 0,
                     "127.0.0.1", HttpOptions.defaults().withBindAddress("127.0.0.1"), Duration.ofHours(1),
                     Map.of("application.id", "incident-paging-" + UUID.randomUUID()), TIMING));
             Notifier notifier = Notifier.start(config(bootstrap, pagerDuty, slack, opsgenie, am));
             KafkaProducer<String, String> producer = producer(bootstrap)) {
            Pages pages = new Pages(pagerDuty, slack, opsgenie);
            feeder = Executors.newSingleThreadScheduledExecutor();
            feeder.scheduleWithFixedDelay(() -> alive.forEach(l -> send(producer, l, Instant.now())), 1, 1, TimeUnit.SECONDS);

            // A: the pods of c-silenced fire; a silence made before the 40th holds the incident back.
            firePods(producer, "c-silenced", 0, 39);
            Silence silence = silence("s-it-rollout", "cluster=c-silenced", "signature=vpc-cni/*", Instant.now().plus(Duration.ofHours(1)));
            producer.send(new ProducerRecord<>(Topics.SILENCES.name(), silence.id(), Json.MAPPER.writeValueAsString(silence))).get();
            firePods(producer, "c-silenced", 39, 40);
            // B: the nodes of c-inhibited go NotReady, then their aws-node pods fail.
            for (int n = 0; n < 5; n++) {
                // The kubelet's own log on each node (its journal, shipped from that node): one scope per node.
                Line notReady = new Line("c-inhibited", "node-" + n, "kubelet-node-" + n, "kubelet", "I0105 10:00:00.357386    3072 setters.go:518] "
                        + "Node became not ready: {Type:Ready Status:False Reason:KubeletNotReady Message:container runtime is down}");
                send(producer, notReady, Instant.now());
                alive.add(notReady);
            }
            producer.flush();
            await(() -> incidents(app).stream().anyMatch(i -> i.signature().equals("node/not-ready") && "c-inhibited".equals(cluster(i))),
                    "node/not-ready fires in c-inhibited");
            firePods(producer, "c-inhibited", 0, 5);
            // C: 40 aws-node pods on 40 nodes of c-main fire within a minute.
            firePods(producer, "c-main", 0, 40);

            Incident main = awaitIncident(app, "c-main", i -> "firing".equals(i.status()) && i.firing() == 40);
            await(() -> pages.fired(main.id()) == Pages.FAKES, "c-main paged at PagerDuty, Slack and Opsgenie");
            awaitAlertmanager(am, main.id(), 1);
            Incident held = awaitIncident(app, "c-silenced", i -> "firing".equals(i.status()) && i.held());
            assertEquals(List.of(silence.id()), held.silencedBy());
            assertTrue(String.valueOf(get(app, "/silences")).contains("\"id\":\"" + silence.id() + "\""), "/silences lists it");
            assertEquals(40, held.firing());
            Incident explained = awaitIncident(app, "c-inhibited", i -> "firing".equals(i.status()) && i.held());
            assertEquals(List.of("node/not-ready"), explained.explainedBy());
            assertEquals(List.of("node/not-ready on node node-0"), explained.members().stream()
                    .filter(m -> m.scope().node().equals("node-0")).findFirst().orElseThrow().explainedBy());
            // Both held records are on the topic; once the notifier has read past them, nothing went out for either.
            IncidentRecords.awaitConsumed(bootstrap, "incident-paging-it", Set.of(held.id(), explained.id()), Incident::held, DEADLINE);
            assertEquals(0, pages.fired(held.id()), "silenced: not sent");
            assertEquals(0, pages.fired(explained.id()), "explained by node NotReady: not sent");
            awaitAlertmanager(am, explained.id(), 0);

            Silence expired = silence(silence.id(), "cluster=c-silenced", "signature=vpc-cni/*", Instant.now());
            producer.send(new ProducerRecord<>(Topics.SILENCES.name(), expired.id(), Json.MAPPER.writeValueAsString(expired))).get();
            await(() -> pages.fired(held.id()) == Pages.FAKES, "the expired silence releases c-silenced");
            awaitAlertmanager(am, held.id(), 1);

            // The pods recover (the nodes stay NotReady, or c-inhibited would be released first): each ipamd diagnosis
            // resolves after its 5 s quiet, and each incident with its last member.
            alive.removeIf(l -> l.container().equals("aws-node"));
            await(() -> pages.resolved(main.id()) == Pages.FAKES && pages.resolved(held.id()) == Pages.FAKES,
                    "c-main and c-silenced resolved at PagerDuty, Slack and Opsgenie");
            awaitAlertmanager(am, main.id(), 0);
            awaitAlertmanager(am, held.id(), 0);
            assertEquals(Pages.FAKES, pages.fired(main.id()), "one page per destination for 40 pods");
            assertEquals(Pages.FAKES, pages.fired(held.id()));
            assertEquals(Pages.FAKES, pages.resolved(main.id()), "one resolve per destination");
            assertEquals(0, pages.fired(explained.id()));
            assertEquals(List.of(), pages.violations(), "every body in the destination's real format");

        } finally {
            if (feeder != null) {
                feeder.shutdownNow(); // its next send would fail on the closed producer; nothing waits for it
            }
            if (am != null) {
                am.close();
            }
        }
    }

    /** Waits until the real Alertmanager lists {@code active} alerts of the incident (none when it is not installed). */
    private void awaitAlertmanager(AlertmanagerProcess am, String id, int active) throws Exception {
        if (am != null) {
            await(() -> am.alerts("diagnosis", id).size() == active, "Alertmanager lists " + active + " active alert(s) of " + id);
        }
    }

    private static NotifierConfig config(String bootstrap, FakeEndpoint pagerDuty, FakeEndpoint slack, FakeEndpoint opsgenie,
                                         AlertmanagerProcess am) {
        List<Destination> to = new ArrayList<>(List.of(new PagerDuty("oncall", PD_KEY, pagerDuty.uri("/v2/enqueue")),
                new SlackWebhook("sre", slack.uri("/services/T0/B0/it")), new Opsgenie("og", OG_KEY, opsgenie.uri("/"))));
        if (am != null) {
            to.add(new Alertmanager("am", am.base(), Map.of(), "http://127.0.0.1/incidents", Alertmanager.DEFAULT_HOLD_FOR, Clock.systemUTC()));
        }
        Route route = new Route("node-networking", new Route.Match(Set.of(), Set.of(), List.of("vpc-cni/")), to, false);
        return new NotifierConfig(bootstrap, "incident-paging-it", null, Map.of(), List.of(route),
                new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 3), Duration.ofSeconds(5), NotifierConfig.Source.INCIDENTS);
    }

    /** The two signatures of the scenario as the catalogue has them, with a 5 s quiet period instead of 10 and 15 minutes. */
    private SignatureCatalog shortQuietCatalog() throws IOException {
        Path catalog = Path.of("..", "patterns", "catalog");
        Path copy = dir.resolve("catalog");
        Files.createDirectories(copy.resolve("grok"));
        try (var grok = Files.list(catalog.resolve("grok"))) {
            for (Path g : grok.toList()) {
                Files.copy(g, copy.resolve("grok").resolve(g.getFileName()));
            }
        }
        for (String id : List.of("vpc-cni/ipamd-not-ready", "node/not-ready")) {
            String yaml = Files.readString(catalog.resolve(id + ".yaml")).replaceAll("quiet: \\d+m", "quiet: 5s");
            Files.createDirectories(copy.resolve(id).getParent());
            Files.writeString(copy.resolve(id + ".yaml"), yaml);
        }
        return SignatureCatalog.load(copy);
    }

    /** Pods {@code from..to-1} of {@code cluster}, pod n on node-n: the 5 ipamd retries that fire, then one a second. */
    private void firePods(KafkaProducer<String, String> producer, String cluster, int from, int to) {
        Instant t = Instant.now();
        for (int n = from; n < to; n++) {
            Line retry = new Line(cluster, "node-" + n, "aws-node-" + pod(n), "aws-node",
                    "{\"level\":\"info\",\"caller\":\"entrypoint.sh\",\"msg\":\"Retrying waiting for IPAM-D\"}");
            for (int i = 0; i < 5; i++) {
                send(producer, retry, t.plusMillis(i * 100L));
            }
            alive.add(retry);
        }
        producer.flush();
    }

    /** Five characters of Kubernetes' name alphabet, as a DaemonSet names its pods. */
    private static String pod(int n) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return "x" + alphabet.charAt(n / alphabet.length() % alphabet.length()) + alphabet.charAt(n % alphabet.length()) + "2p";
    }

    private static void send(KafkaProducer<String, String> producer, Line l, Instant ts) {
        LogRecord r = new LogRecord(ts.toString(), LogRecord.SOURCE_K8S, l.cluster(), l.node(), "kube-system", l.pod(), l.container(),
                "stdout", null, null, null, null, l.text(), "/var/log/pods/kube-system_" + l.pod() + "_uid/" + l.container() + "/0.log",
                0L, null, null);
        try {
            producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), l.cluster() + "/kube-system/" + l.pod() + "/" + l.container(),
                    Json.MAPPER.writeValueAsString(r)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Silence silence(String id, String m1, String m2, Instant endsAt) {
        return new Silence(id, List.of(SilenceMatchers.parse(m1), SilenceMatchers.parse(m2)), Instant.now().minusSeconds(60).toString(),
                endsAt.toString(), "it", "node group rollout");
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }

    private List<Incident> incidents(DiagnosisApp app) throws IOException, InterruptedException {
        String body = get(app, "/incidents");
        return body == null ? List.of() : List.of(Json.MAPPER.readValue(body, Incident[].class));
    }

    /** The body of a 200, or null (503 while the stores are not queryable yet). */
    private String get(DiagnosisApp app, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : null;
    }

    private Incident awaitIncident(DiagnosisApp app, String cluster, Predicate<Incident> done) throws Exception {
        Incident[] found = new Incident[1];
        await(() -> {
            last = incidents(app).stream().filter(i -> cluster.equals(cluster(i))).toList();
            for (Incident i : incidents(app)) {
                if (i.signature().equals("vpc-cni/ipamd-not-ready") && cluster.equals(cluster(i)) && done.test(i)) {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        }, "the ipamd incident of " + cluster);
        return found[0];
    }

    /** The incidents of the cluster last awaited, for the failure message. */
    private List<Incident> last = List.of();

    private String lastSeen() {
        try {
            return Json.MAPPER.writeValueAsString(last);
        } catch (IOException e) {
            return last.toString();
        }
    }

    private static String cluster(Incident i) {
        return i.groupLabels().get("cluster");
    }

    @FunctionalInterface
    private interface Probe {
        boolean done() throws Exception;
    }

    private void await(Probe probe, String what) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (probe.done()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + " within " + DEADLINE + "; last incidents seen: " + lastSeen());
    }

    /** What each destination accepted, per incident id. */
    private record Pages(FakeEndpoint pagerDuty, FakeEndpoint slack, FakeEndpoint opsgenie) {

        /** PagerDuty, Slack and Opsgenie; Alertmanager is asked through its own API. */
        static final int FAKES = 3;

        /** How many of the fakes got the firing of {@code id} (counted once per request: 2 means one sent twice). */
        int fired(String id) {
            return count(pagerDuty, b -> "trigger".equals(b.path("event_action").asText()) && id.equals(b.path("dedup_key").asText()))
                    + count(slack, b -> b.toString().contains(id) && !b.path("text").asText().startsWith("RESOLVED"))
                    + count(opsgenie, b -> id.equals(b.path("alias").asText()));
        }

        /** How many of the fakes got the resolve of {@code id}. */
        int resolved(String id) {
            return count(pagerDuty, b -> "resolve".equals(b.path("event_action").asText()) && id.equals(b.path("dedup_key").asText()))
                    + count(slack, b -> b.toString().contains(id) && b.path("text").asText().startsWith("RESOLVED"))
                    + (int) opsgenie.received().stream().filter(r -> r.status() / 100 == 2 && r.path().equals("/v2/alerts/" + id + "/close")).count();
        }

        List<String> violations() {
            List<String> all = new ArrayList<>();
            for (FakeEndpoint e : List.of(pagerDuty, slack, opsgenie)) {
                e.received().forEach(r -> all.addAll(r.violations()));
            }
            return all;
        }

        private static int count(FakeEndpoint e, Predicate<JsonNode> which) {
            return (int) e.accepted().stream().filter(which).count();
        }
    }
}
