package io.logdoctor.cli;

import io.logdoctor.shipper.events.EventsConfig;
import io.logdoctor.shipper.LogShipper;
import io.logdoctor.shipper.ShipperConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code logdoctor events}: ships the cluster's Kubernetes Events into logs.raw, exactly once, as its own
 * process: one per cluster. Its transactional id is the shipper's for node {@code k8s-events}, so a second
 * instance fences the first (a one-replica Deployment with {@code strategy: Recreate}).
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Ship the cluster's Kubernetes Events (events.k8s.io/v1, list + watch) into logs.raw, exactly once. "
                + "Run one per cluster: a second instance fences the first. Settings also come from LOGDOCTOR_* "
                + "environment variables and the --config file (docs/shipper.md, section Kubernetes Events).")
final class EventsCommand implements Callable<Integer> {

    /** The node name of the events writer: its transactional id and its offsets keys. */
    static final String NODE = "k8s-events";

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HttpFlags http;

    @Option(names = "--cluster", description = "Cluster name put on every record (default: local).")
    String cluster;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "A kubeconfig file (default: KUBECONFIG, then "
            + "~/.kube/config, then the pod's service account).")
    String kubeconfig;

    @Option(names = "--events-namespace", paramLabel = "NS", description = "Watch this namespace only (default: all).")
    String namespace;

    @Option(names = "--events-all-types", description = "Ship Normal events too (default: Warning only).")
    boolean allTypes;

    @Option(names = "--events-file", paramLabel = "FILE", description = "Read events saved with `kubectl get events -A -o json` "
            + "(or `--watch -o json`) instead of the API server, then wait (default: the API server).")
    String eventsFile;

    @Option(names = "--metrics-port", paramLabel = "N", description = "Port of /healthz, /readyz and /metrics (default: 8082; -1 for none).")
    String metricsPort;

    @Override
    public Integer call() throws Exception {
        Settings settings = kafka.settings(ServiceSettings.EVENTS);
        EventsConfig events = new EventsConfig(settings.get(EventsSettings.NAMESPACE, namespace))
                .withAllTypes(settings.isOn(EventsSettings.ALL_TYPES, allTypes))
                .withRemember(settings.get(EventsSettings.REMEMBER, null), settings.get(EventsSettings.MAX_REMEMBER, null))
                .withKubeconfig(settings.get(EventsSettings.KUBECONFIG, kubeconfig))
                .fromFile(settings.get(EventsSettings.FILE, eventsFile))
                .alone();
        // The pod-log settings are unused (no files are read); the state dir is never written (exactly once).
        ShipperConfig config = ShipperConfig.defaults(kafka.bootstrapServers(settings), Path.of("/nonexistent"),
                        Path.of(System.getProperty("user.home"), ".logdoctor", "events"))
                .withCluster(settings.get(ShipperSettings.CLUSTER, cluster))
                .withNode(NODE)
                .withPollInterval(Duration.ofMillis(settings.get(ShipperSettings.POLL_INTERVAL_MS, null)))
                .withMetricsPort(settings.get(ShipperSettings.METRICS_PORT, metricsPort))
                .withKafkaProperties(settings.kafkaProperties())
                .withEvents(events);
        CompletableFuture<Void> topics = Services.checkTopics("events", config.bootstrapServers(), KafkaOptions.topics(settings));
        LogShipper shipper = LogShipper.start(config, http.options(settings), topics);
        System.err.println("logdoctor events: " + (events.allTypes() ? "all" : "Warning") + " events"
                + (events.file() != null ? " saved in " + events.file() : "") + " of "
                + (events.namespace() == null ? "every namespace" : "namespace " + events.namespace()) + " of cluster "
                + config.cluster() + " into " + config.bootstrapServers()
                + (shipper.metricsPort() > 0 ? "; /metrics on :" + shipper.metricsPort() : "") + "; Ctrl-C stops it");
        // Fenced by a newer instance, not authorized: end with an error, so Kubernetes restarts it.
        shipper.whenStopped().whenComplete((ok, failure) -> {
            if (failure != null) {
                System.err.println("logdoctor events stopped: " + failure.getMessage());
                Runtime.getRuntime().halt(1);
            }
        });
        Services.runUntilStopped(shipper::close);
        return 0;
    }
}
