/**
 * The node's container log files: which files, where each one continues, and its bytes read into records
 * (docs/shipper.md).
 *
 * <ul>
 *   <li>{@code PathsProvider} / {@code PodLogScanner}: which files ({@code LogFile}), listed ahead by
 *       {@code Listing}; {@code PodLogPath}: pod metadata from the kubelet's layout; {@code ContainerLogLink}:
 *       /var/log/containers names; {@code PodSelector}: include/exclude globs; {@code DirectoryWatcher}:
 *       inotify wake-ups.</li>
 *   <li>{@code FileFingerprint}: file identity (device, inode, CRC of the first bytes); {@code FileCheckpoint}:
 *       where a file stands (the JSON of its key in {@code logs.shipper.offsets}); {@code CheckpointMatcher}:
 *       which saved checkpoint a newly seen file continues (rename, copy, reused inode, gzipped rotation).</li>
 *   <li>{@code FileStarter}: opens a newly listed file where the matcher says; {@code FollowedFile}: one file in
 *       the loop (gone, finished); {@code PodLogFollower}: one file followed into records; {@code FileTailer}:
 *       its lines, offsets and truncation ({@code GzipSource} for a {@code .gz}); {@code LostBytes}: what can
 *       never be read, counted and logged.</li>
 * </ul>
 * Lines are decoded by {@code io.logdoctor.shipper.decode}; records and checkpoints go to a
 * {@code io.logdoctor.shipper.sink.LogSink}.
 */
package io.logdoctor.shipper.files;
