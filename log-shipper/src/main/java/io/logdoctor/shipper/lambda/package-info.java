/**
 * The Lambda receiver (docs/shipper.md, docs/http.md): HTTP endpoints that AWS pushes to, each request produced to
 * {@code logs.raw} before it is acknowledged.
 *
 * <ul>
 *   <li>{@code LambdaReceiver} + {@code LambdaConfig}: the server and its settings; {@code LambdaProducer}:
 *       the idempotent producer; {@code LambdaCounters}: its meters.</li>
 *   <li>{@code FirehoseHandler} / {@code FirehoseRequest}: Firehose HTTP endpoint deliveries, whose records are
 *       CloudWatch Logs subscription payloads ({@code CloudWatchLogsPayload}, also used by the CloudWatch
 *       source; {@code EksControlPlane} for EKS control-plane groups).</li>
 *   <li>{@code TelemetryHandler} / {@code TelemetryBatch} / {@code TelemetryStream}: the Lambda Telemetry API;
 *       {@code LambdaLine}: a line's request id.</li>
 *   <li>{@code LambdaExchange} / {@code LambdaHttpError}: request and answer; {@code RequestBudget} /
 *       {@code InflightBudget} / {@code LimitExceeded}: the memory a request and all requests may hold.</li>
 * </ul>
 */
package io.logdoctor.shipper.lambda;
