package io.logdoctor.shipper.events;

import io.logdoctor.shipper.LogShipper;
import io.logdoctor.shipper.ShipperConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * An events writer process for {@link EventsKillIT}, configured as {@code logdoctor events} configures it
 * (node {@code k8s-events}, no pod files, the Kubernetes client from a kubeconfig file):
 * {@code bootstrap cluster kubeconfig}; runs until killed.
 */
public final class EventsChild {

    private EventsChild() {
    }

    public static void main(String[] args) throws Exception {
        ShipperConfig config = ShipperConfig.defaults(args[0], Path.of("/nonexistent"), Path.of("/nonexistent"))
                .withCluster(args[1]).withNode("k8s-events").withPollInterval(Duration.ofMillis(50)).withMetricsPort(-1)
                .withEvents(new EventsConfig(null).withKubeconfig(args[2]).alone());
        LogShipper.start(config).whenStopped().join();
    }
}
