package io.logdoctor.patterns;

import java.util.Locale;

/** How urgent a diagnosis is, as on-call tools (PagerDuty, Alertmanager) understand it. */
public enum Severity {
    CRITICAL, ERROR, WARNING, INFO;

    /** The lower-case name used in signature files and diagnosis records. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
