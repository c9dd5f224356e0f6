package io.logdoctor.shipper;

/**
 * The settings of the Kubernetes Events source ({@link ShipperConfig#events()}).
 *
 * @param namespace the namespace to watch, or null for all
 */
public record EventsConfig(String namespace) {
}
