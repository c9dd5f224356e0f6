/**
 * Where records and the checkpoints that cover them go, as one unit of work ({@code LogSink}).
 *
 * <ul>
 *   <li>{@code TransactionalSink} + {@code OffsetsReader}: exactly once through Kafka transactions and
 *       {@code logs.shipper.offsets} (file checkpoints under their file key, other sources' under their
 *       namespace).</li>
 *   <li>{@code KafkaSink} + {@code Checkpointer}: at least once with a checkpoint file.</li>
 *   <li>Both send through {@code RecordSender}, which keeps a failed send until the sink aborts, with
 *       producers from a {@code ProducerFactory}.</li>
 * </ul>
 */
package io.logdoctor.shipper.sink;
