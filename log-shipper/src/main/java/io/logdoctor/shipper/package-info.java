/**
 * The log shipper: tails Kubernetes pod logs on a node and produces one {@code logs.raw} record per line.
 *
 * <p>A tour, from the outside in:
 * <ul>
 *   <li>{@link io.logdoctor.shipper.LogShipper} and {@link io.logdoctor.shipper.ShipperConfig}: the only
 *       public types; start, count, close.</li>
 *   <li>{@code ShipperLoop}: the schedule. Each round discovers files, reads a bounded amount from each,
 *       flushes the sink and only then saves checkpoints.</li>
 *   <li>{@code PathsProvider} / {@code PodLogScanner}: which files to read;
 *       {@code PodLogPath}: pod metadata from the kubelet's path layout.</li>
 *   <li>{@code PodLogFollower}: one file followed into records; {@code FileTailer}: its complete lines
 *       and offsets (truncation, over-long lines, invalid UTF-8); {@code CriParser} / {@code CriLine}:
 *       the CRI line format and partial-line joining, with {@code ParseResult} as the outcome.</li>
 *   <li>{@code LogSink} / {@code KafkaSink}: where records go; {@code Checkpointer}: the offsets file,
 *       replaced atomically.</li>
 * </ul>
 *
 * <p>Delivery is at least once: a restart resumes from the last checkpoint, which is saved only after
 * every earlier record was acknowledged, so records after it may be sent twice but none is lost.
 */
package io.logdoctor.shipper;
