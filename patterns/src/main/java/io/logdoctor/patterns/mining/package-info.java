/**
 * Template mining of log lines no signature explains.
 *
 * <p>{@link io.logdoctor.patterns.mining.TemplateMiner} is Drain (a fixed-depth {@code ParseTree} with a
 * similarity threshold) over lines whose variables {@code Masker} replaced with typed wildcards, with an
 * LRU cap on clusters; each cluster is a {@link io.logdoctor.patterns.mining.Template}. The offline
 * {@code logdoctor discover} and the streams app's online candidates share it. Accuracy and speed on
 * Loghub are in BENCHMARKS.md.
 */
package io.logdoctor.patterns.mining;
