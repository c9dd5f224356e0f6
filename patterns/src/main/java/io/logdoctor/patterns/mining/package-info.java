/**
 * Template mining of log lines no signature explains.
 *
 * <p>{@link io.logdoctor.patterns.mining.TemplateMiner} is Drain (a fixed-depth {@code ParseTree} with a
 * similarity threshold) over lines whose variables {@code Masker} replaced with typed wildcards, with an
 * LRU cap on clusters; each cluster is a {@link io.logdoctor.patterns.mining.Template}, and the template a
 * line ends in is its {@link io.logdoctor.patterns.mining.Assignment} (the cluster's, with the line's own
 * word where the cluster has seen only a few words). {@code Quantities} and {@code Dates} are the parts
 * of the masking that know units and date words. The offline {@code logdoctor discover} and the streams
 * app's online candidates share it. {@link io.logdoctor.patterns.mining.Likeness} scores how much a line
 * looks like a signature's fixtures, for the backtest's near-miss report. Accuracy and speed on Loghub
 * are in BENCHMARKS.md.
 */
package io.logdoctor.patterns.mining;
