/**
 * The Kafka Streams app that turns {@code logs.raw} into {@code diagnoses}.
 *
 * <p>{@link io.logdoctor.streams.DiagnosisTopology} wires the steps; {@code LineMatcher} turns a record
 * into matches keyed by diagnosis id; {@code DiagnosisProcessor} keeps per-(signature, scope) state in a
 * persistent store and delegates every rule to {@code DiagnosisLifecycle}, which knows nothing of Kafka
 * so the offline tools share it; {@link io.logdoctor.streams.DiagnosisApp} runs it against a cluster.
 */
package io.logdoctor.streams;
