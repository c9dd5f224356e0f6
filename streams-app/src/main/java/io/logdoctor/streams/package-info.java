/**
 * The Kafka Streams app that turns {@code logs.raw} into {@code diagnoses}.
 *
 * <p>{@link io.logdoctor.streams.DiagnosisTopology} wires the steps; {@code LineMatcher} turns a record
 * into matches keyed by diagnosis id; {@code DiagnosisProcessor} keeps per-(signature, scope) state in a
 * persistent store and delegates every rule to {@code DiagnosisLifecycle}, which knows nothing of Kafka
 * so the offline tools share it; {@link io.logdoctor.streams.DiagnosisApp} runs it against a cluster.
 *
 * <p>Beside it, the candidates branch: {@code UnexplainedErrors} keeps the error-looking lines no
 * signature explains (and counts the explained-error ratio in {@code ErrorCoverage}), routed by the
 * miner's key so a template's lines meet in one task, where {@code CandidateProcessor} mines them and
 * publishes changed candidates. {@link io.logdoctor.streams.Backtest} folds the offline engine's
 * diagnoses into one report per scope for {@code signatures backtest}.
 */
package io.logdoctor.streams;
