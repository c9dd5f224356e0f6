/**
 * The Kafka Streams app that turns {@code logs.raw} into {@code diagnoses} and {@code incidents}.
 *
 * <p>{@link io.logdoctor.streams.DiagnosisTopology} wires the steps. {@code RawPrefilter} decodes only the
 * records whose bytes could match or look like an error; {@code LineMatcher} turns a record into match
 * events keyed by their scope ({@code Diagnosis.Scope.key()}: cluster, namespace, pod), so one task owns
 * every line of a pod whatever stream key it arrived on; {@code DiagnosisProcessor} keeps
 * per-(signature, scope) {@code DiagnosisState} in a persistent store, and {@code DiagnosisEngine} applies
 * the fire rules' step function ({@code FireStep}, in patterns) to it; {@link io.logdoctor.streams.OfflineDiagnoser}
 * runs the same engine over a map for {@code logdoctor diagnose} and the fire fixtures ({@code FireFixtureCheck}).
 * {@link io.logdoctor.streams.DiagnosisApp} runs it against a cluster.
 *
 * <p>After it, the incidents branch ({@code IncidentBranch}): diagnoses grouped by signature and group key
 * ({@code IncidentKeys}), timed like Alertmanager's groups ({@code IncidentLifecycle}, {@code IncidentTiming}),
 * held back by silences and inhibiting diagnoses ({@code IncidentHolds}), state in {@code IncidentState}.
 *
 * <p>Beside it, the candidates branch: {@code UnexplainedErrors} keeps the error-looking lines no
 * signature explains (and counts the explained-error ratio in {@code ErrorCoverage}), routed by the
 * miner's key so a template's lines meet in one task, where {@code CandidateProcessor} mines them and
 * publishes changed candidates. {@link io.logdoctor.streams.Backtest} folds the offline engine's
 * diagnoses into one report per scope for {@code signatures backtest}.
 */
package io.logdoctor.streams;
