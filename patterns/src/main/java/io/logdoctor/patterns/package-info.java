/**
 * The signature catalogue and its matching engine.
 *
 * <p>{@link io.logdoctor.patterns.SignatureCatalog} loads one YAML file per signature (validated by
 * {@code SignatureFileReader}, which reads a line-aware {@code YamlNode} tree so every error names the
 * file, line and field), expands Grok through {@code GrokLibrary}, and hands out a
 * {@link io.logdoctor.patterns.SignatureMatcher}. {@link io.logdoctor.patterns.FixtureCheck} runs the
 * fixtures that sit beside each signature ({@link io.logdoctor.patterns.FixtureLines} says which lines of a
 * fixture file are log lines). The file format is in {@code docs/signature-format.md}.
 *
 * <p>Firing: {@link io.logdoctor.patterns.FireStep} is the signature's {@link io.logdoctor.patterns.FireRule},
 * refinement, repeat interval and quiet resolve as one pure step over {@link io.logdoctor.patterns.DiagnosisState}s
 * ({@code FireCount} does one state's counting); the streams app and the offline engine both apply it.
 *
 * <p>Matching a line: {@code LiteralPrefilter} scans it once with an {@code AhoCorasick} automaton
 * over every pattern's {@code RequiredLiterals}, and only the patterns whose literal occurs (or that
 * have none) run their regular expression, each on a {@code BudgetedLine} that stops it after
 * {@code RegexBudget} character reads; {@code BudgetTrips} counts and logs those that run out.
 * {@code RegexLoop} is the plain loop over every pattern, kept as the reference the tests compare
 * against. A record still in bytes (a logs.raw value) is tested first by {@link
 * io.logdoctor.patterns.JsonLiteralFilter} ({@link io.logdoctor.patterns.SignatureMatcher#mayMatchInJson}):
 * the same literals, JSON-escaped, found by {@code ByteLiterals} (a skip loop, and {@code FirstByteSearch}
 * for short ones), so a record none of whose literals occurs is never decoded. Figures are in
 * BENCHMARKS.md at the repository root.
 */
package io.logdoctor.patterns;
