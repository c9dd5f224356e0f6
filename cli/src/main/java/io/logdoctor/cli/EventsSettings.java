package io.logdoctor.cli;

import io.logdoctor.records.Durations;
import io.logdoctor.shipper.events.EventsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The settings of {@code logdoctor events} (docs/shipper.md, Kubernetes Events); the rest are the shipper's. */
final class EventsSettings {

    static final String DOCS = "docs/shipper.md";

    static final Setting<String> KUBECONFIG = Setting.of("kubeconfig", Kind.STRING, null, "how to reach the API server", DOCS)
            .defaultDescribedAs("`KUBECONFIG`, `~/.kube/config`, then the service account");
    static final Setting<String> NAMESPACE = Setting.of("events-namespace", Kind.STRING, null, "watch one namespace only", DOCS)
            .defaultDescribedAs("(all)");
    static final Setting<Boolean> ALL_TYPES = Setting.of("events-all-types", Kind.BOOLEAN, "false", "ship Normal events too", DOCS);
    static final Setting<Duration> REMEMBER = Setting.of("events-remember", Kind.DURATION, Durations.format(EventsConfig.DEFAULT_REMEMBER),
            "how long a shipped uid is remembered", DOCS);
    static final Setting<Integer> MAX_REMEMBER = Setting.of("events-max-remember", Kind.INT, String.valueOf(EventsConfig.DEFAULT_MAX_REMEMBER),
            "the most uids remembered", DOCS);

    static final Setting<Path> FILE = Setting.of("events-file", Kind.PATH, null,
            "read the events saved with `kubectl get events -A -o json` (or `--watch -o json`) instead of the API server", DOCS)
            .defaultDescribedAs("(the API server)");

    static final List<Setting<?>> ALL = List.of(ShipperSettings.CLUSTER, KUBECONFIG, NAMESPACE, ALL_TYPES, REMEMBER, MAX_REMEMBER, FILE,
            ShipperSettings.METRICS_PORT, ShipperSettings.POLL_INTERVAL_MS);

    private EventsSettings() {
    }
}
