/**
 * Kubernetes Events as records: {@code EventsSource} lists then watches events through {@code KubeEventsApi}
 * ({@code KubeEventsClient} against the API server, {@code FileEventsApi} from a saved file), one
 * {@code EventsWatch} at a time, names owners with {@code KubeOwners}, builds records with
 * {@code KubeEventRecord}, remembers what it shipped ({@code EventsShipped}) and stages an
 * {@code EventsCheckpoint} in the same transaction; {@code EventsConfig}: its settings.
 */
package io.logdoctor.shipper.events;
