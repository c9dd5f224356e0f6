package io.logdoctor.patterns;

/** A line matched {@code signature} through its pattern named {@code pattern}. */
public record Match(Signature signature, String pattern) {
}
