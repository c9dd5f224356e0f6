/**
 * The log shipper: follows the container logs of a node and produces one {@code logs.raw} record per
 * line, exactly once (docs/shipper.md).
 *
 * <p>A tour, from the outside in:
 * <ul>
 *   <li>{@link io.logdoctor.shipper.LogShipper} and {@link io.logdoctor.shipper.ShipperConfig}: start,
 *       count, close; {@code ShipperMetrics} (served by the records module's {@code HealthServer}): {@code /healthz}, {@code /metrics}.</li>
 *   <li>{@code ShipperLoop}: the schedule. Each round discovers files, reads a bounded amount from each,
 *       and commits the records with the checkpoints that cover them; on failure it aborts and every file
 *       goes back to its committed checkpoint. {@code FollowedFile}: one file in the loop (gone, finished);
 *       {@code FileStarter}: opens a newly listed file where the matcher says; {@code LostBytes}: what can
 *       never be read, counted and logged.</li>
 *   <li>{@code PathsProvider} / {@code PodLogScanner}: which files ({@code LogFile}); {@code PodLogPath}:
 *       pod metadata from the kubelet's layout; {@code ContainerLogLink}: /var/log/containers names;
 *       {@code PodSelector}: include/exclude globs; {@code DirectoryWatcher}: inotify wake-ups.</li>
 *   <li>{@code FileFingerprint}: file identity (device, inode, CRC of the first bytes);
 *       {@code CheckpointMatcher}: which saved checkpoint a newly seen file continues (rename, copy,
 *       reused inode, gzipped rotation), holding unclaimed ones until claimed or dropped.</li>
 *   <li>{@code PodLogFollower}: one file followed into records; {@code FileTailer}: its lines, offsets
 *       and truncation ({@code GzipSource} for a {@code .gz}); {@code LineAssembler}: format detection, partial lines, exact resume state;
 *       {@code CriParser} / {@code DockerJsonParser}: one line each; {@code MultilineJoiner}: stack traces.</li>
 *   <li>{@code LogSink}: where records and checkpoints go together; {@code TransactionalSink} +
 *       {@code OffsetsReader}: exactly once through Kafka transactions and {@code logs.shipper.offsets};
 *       {@code KafkaSink} + {@code Checkpointer}: at least once with a checkpoint file; both send through
 *       {@code RecordSender}, which keeps a failed send until the sink aborts.</li>
 * </ul>
 *
 * <p>The Lambda receiver (Firehose and Telemetry endpoints) lives in this package too, in its own files,
 * and so does the CloudWatch source (docs/cloudwatch.md): {@code CloudWatchSource} polls log groups in the
 * loop's rounds through {@code LogsApi} / {@code SdkLogsApi}, one {@code LogGroupTail} per group, and its
 * {@code GroupCheckpoint}s go into the same transaction as the file offsets; {@code CloudWatchLogsPayload}
 * builds the records for both Lambda paths. The node journal (docs/shipper.md, "The node journal"):
 * {@code JournalSource} runs {@code JournalProcess} (journalctl and its reader thread, bounded queue), turns
 * each {@code JournalEntry} into a record with {@code JournalRecords}, and commits a {@code JournalCheckpoint}
 * (the cursor) in the same transaction; {@code SourceCheckpoints} reads any source's checkpoint back.
 */
package io.logdoctor.shipper;
