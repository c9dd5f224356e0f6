/**
 * The log shipper: follows the container logs of a node (and, when configured, CloudWatch log groups, the
 * node journal and Kubernetes Events) and produces one {@code logs.raw} record per line, exactly once
 * (docs/shipper.md).
 *
 * <p>A tour, from the outside in:
 * <ul>
 *   <li>{@link io.logdoctor.shipper.LogShipper} and {@link io.logdoctor.shipper.ShipperConfig}: start,
 *       count, close; {@code ShipperMetrics} (served by the records module's {@code HealthServer}):
 *       {@code /healthz}, {@code /metrics}. {@code LogShipper} registers the sources.</li>
 *   <li>{@code ShipperLoop}: the schedule. Each round reads a bounded amount from the node's files and polls
 *       every {@code Source}, and commits the records with the checkpoints that cover them; on failure it
 *       aborts and everything goes back to its committed checkpoint. {@code SourceCheckpoints}: a source's
 *       committed checkpoint read back.</li>
 *   <li>{@code LineDecoder} / {@code LogFileReader}: the offline path ({@code logdoctor match}, {@code diagnose})
 *       over saved files, through the same decoders.</li>
 * </ul>
 *
 * <p>The parts, one package each:
 * <ul>
 *   <li>{@code files}: which files, where each continues (fingerprints, checkpoint matching), and their bytes
 *       read into records.</li>
 *   <li>{@code decode}: a line into an entry (CRI, docker json, {@code kubectl logs}; partial lines, stack
 *       traces).</li>
 *   <li>{@code sink}: records and checkpoints as one unit of work (Kafka transactions and
 *       {@code logs.shipper.offsets}, or at least once with a checkpoint file).</li>
 *   <li>{@code cloudwatch}, {@code journal}, {@code events}: the pull sources, each one {@code Source}
 *       registered in {@code LogShipper}.</li>
 *   <li>{@code lambda}: the Lambda receiver (Firehose and Telemetry HTTP endpoints), its own producer and port; started
 *       and closed by {@code LogShipper} when {@code ShipperConfig.lambda()} asks for it.</li>
 * </ul>
 */
package io.logdoctor.shipper;
