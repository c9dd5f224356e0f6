package io.logdoctor.deploy;

import io.logdoctor.notifier.Notifier;
import io.logdoctor.notifier.NotifierConfig;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.HealthServer;
import io.logdoctor.records.HttpOptions;
import io.logdoctor.records.TopicCreator;
import io.logdoctor.records.Topics;
import io.logdoctor.shipper.LogShipper;
import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.shipper.lambda.LambdaConfig;
import io.logdoctor.streams.DiagnosisApp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The shipper, the streams app and the notifier started as their commands start them (topics created first,
 * HTTP on loopback, the notifier's probes as NotifierCommand serves them), for the tests that look at what
 * they serve. {@link #close()} stops the three side by side: without a broker each waits out its own timeouts.
 */
final class ThreeServices implements AutoCloseable {

    /** Their HTTP ports, by the name the dashboard's rows give them. */
    final Map<String, Integer> ports = new TreeMap<>();
    private final List<AutoCloseable> running = new ArrayList<>();

    ThreeServices(String bootstrap, Path work, String name) throws Exception {
        HttpOptions loopback = HttpOptions.defaults().withBindAddress("127.0.0.1");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // As `logdoctor shipper|streams|notifier` do on start (Services.createTopics); idempotent.
            new TopicCreator(admin).createAll(Topics.ALL, 3, (short) 1, Duration.ofSeconds(60));
        }
        try {
            DiagnosisApp app = DiagnosisApp.start(DiagnosisApp.Options.of(bootstrap, work.resolve("streams"), SignatureCatalog.bundled())
                    .withHttp(0, "127.0.0.1").withHttpOptions(loopback)
                    .withKafkaProperties(Map.of("application.id", name + "-" + UUID.randomUUID())));
            running.add(app);
            ports.put("streams app", app.httpPort());
            LogShipper shipper = LogShipper.start(ShipperConfig.defaults(bootstrap, Files.createDirectories(work.resolve("pods")),
                    work.resolve("shipper")).withContainersRoot(null).withMetricsPort(0)
                    // with the Lambda receiver it owns (`--lambda-port`), so its metrics are on the shipper's /metrics too
                    .withLambda(new LambdaConfig(bootstrap, 0, null, LambdaConfig.DEFAULT_MAX_BODY_BYTES, Map.of(), null, loopback,
                            LambdaConfig.DEFAULT_MAX_INFLATED_BYTES, LambdaConfig.DEFAULT_INFLIGHT_BYTES)), loopback);
            running.add(shipper);
            ports.put("shipper", shipper.metricsPort());
            Notifier notifier = Notifier.start(NotifierConfig.load(Path.of("..", "notifier", "routes.example.yaml"),
                            Map.of("SLACK_WEBHOOK_URL", "http://127.0.0.1:9/services/T0/B0/x",
                                    "PAGERDUTY_ROUTING_KEY", "0123456789abcdef0123456789abcdef"))
                    .withBootstrapServers(bootstrap).withGroupId(name + "-" + UUID.randomUUID()));
            running.add(notifier);
            HealthServer notifierHttp = new HealthServer(0, name + "-notifier", loopback, notifier::isRunning,
                    notifier.metricsRegistry()).withReadiness(notifier::isReady, notifier::readinessDetail);
            running.add(0, notifierHttp);
            ports.put("notifier", notifierHttp.port());
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        List<Thread> closing = new ArrayList<>();
        for (AutoCloseable s : running) {
            Thread t = new Thread(() -> {
                try {
                    s.close();
                } catch (Exception e) {
                    System.out.println("ThreeServices: closing " + s.getClass().getSimpleName() + ": " + e);
                }
            });
            t.start();
            closing.add(t);
        }
        for (Thread t : closing) {
            t.join(60_000);
        }
    }
}
