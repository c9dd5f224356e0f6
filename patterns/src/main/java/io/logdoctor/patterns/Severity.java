package io.logdoctor.patterns;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How urgent a diagnosis is, as on-call tools (PagerDuty, Alertmanager) understand it. */
public enum Severity {
    CRITICAL, ERROR, WARNING, INFO;

    /** The lower-case name used in signature files and diagnosis records. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every label, most urgent first: what a signature's {@code severity} and a notifier route may say. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Severity::label).toList();
    }
}
