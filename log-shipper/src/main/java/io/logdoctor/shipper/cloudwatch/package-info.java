/**
 * The CloudWatch Logs source (docs/cloudwatch.md): {@code CloudWatchSource} polls log groups in the loop's
 * rounds through {@code LogsApi} / {@code SdkLogsApi}, one {@code LogGroupTail} per group, and stages its
 * {@code GroupCheckpoint}s ({@code cloudwatch/<logGroup>}) into the same transaction as the file offsets;
 * {@code CloudWatchConfig}: its settings; {@code CloudWatchMetrics}: its meters. Events become records as
 * the Firehose path makes them ({@code io.logdoctor.shipper.lambda.CloudWatchLogsPayload}).
 */
package io.logdoctor.shipper.cloudwatch;
