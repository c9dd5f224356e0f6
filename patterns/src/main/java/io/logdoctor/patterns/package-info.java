/**
 * The signature catalogue and its matching engine.
 *
 * <p>{@link io.logdoctor.patterns.SignatureCatalog} loads one YAML file per signature (validated by
 * {@code SignatureFileReader}, which reads a line-aware {@code YamlNode} tree so every error names the
 * file, line and field), expands Grok through {@code GrokLibrary}, and hands out a
 * {@link io.logdoctor.patterns.SignatureMatcher}. {@link io.logdoctor.patterns.FixtureCheck} runs the
 * fixtures that sit beside each signature. The file format is in {@code docs/signature-format.md}.
 */
package io.logdoctor.patterns;
