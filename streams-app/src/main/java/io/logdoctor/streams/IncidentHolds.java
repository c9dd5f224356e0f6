package io.logdoctor.streams;

import io.logdoctor.patterns.Grouping;
import io.logdoctor.patterns.Signature;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Labels;
import io.logdoctor.records.Silence;
import io.logdoctor.records.SilenceMatchers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * What holds incident members back at one moment: the silences active then, and the firing diagnoses
 * whose signatures declare {@code inhibits:} (Alertmanager's inhibit_rules, declared on the source).
 * Made once per punctuation from the two global stores, then asked about each firing member.
 */
final class IncidentHolds implements IncidentLifecycle.Holds {

    private record Inhibitor(Diagnosis source, Map<String, String> labels, Grouping.Inhibit rule) {
    }

    private static final RateLimitedLog LOG = new RateLimitedLog(LoggerFactory.getLogger(IncidentHolds.class), 60_000);

    private final List<Silence> silences = new ArrayList<>();
    private final List<Inhibitor> inhibitors = new ArrayList<>();

    /**
     * @param silences  every silence on the topic; those active at {@code now} count
     * @param diagnoses the firing diagnoses that may inhibit (others are skipped)
     */
    IncidentHolds(Iterable<Silence> silences, Iterable<Diagnosis> diagnoses, SignatureCatalog catalog, Instant now) {
        for (Silence s : silences) {
            if (s != null && s.matchers() != null && !s.matchers().isEmpty() && activeAt(s, now)) {
                this.silences.add(s);
            }
        }
        for (Diagnosis d : diagnoses) {
            if (d == null || !Diagnosis.FIRING.equals(d.status())) {
                continue;
            }
            Signature signature = catalog.find(d.signature()).orElse(null);
            if (signature != null) {
                Map<String, String> labels = IncidentKeys.labels(d);
                signature.grouping().inhibits().forEach(rule -> inhibitors.add(new Inhibitor(d, labels, rule)));
            }
        }
    }

    /** True when the signature declares inhibitions: only those diagnoses need keeping in the inhibitor store. */
    static boolean inhibits(SignatureCatalog catalog, String signature) {
        return catalog.find(signature).map(s -> !s.grouping().inhibits().isEmpty()).orElse(false);
    }

    @Override
    public IncidentLifecycle.Hold of(IncidentState incident, IncidentState.Member member) {
        Map<String, String> labels = Labels.of(incident.signature(), incident.severity(), member.scope(), member.workload());
        List<String> silencedBy = new ArrayList<>();
        for (Silence s : silences) {
            if (SilenceMatchers.matchAll(s.matchers(), labels)) {
                silencedBy.add(s.id());
            }
        }
        List<String> explainedBy = new ArrayList<>();
        for (Inhibitor i : inhibitors) {
            if (!i.source().id().equals(member.diagnosis()) && i.rule().targets(incident.signature()) && equal(i, labels)) {
                String by = i.source().signature() + " on " + subject(i.source().scope());
                if (!explainedBy.contains(by)) {
                    explainedBy.add(by);
                }
            }
        }
        return new IncidentLifecycle.Hold(List.copyOf(silencedBy), List.copyOf(explainedBy));
    }

    // Alertmanager's equal: the label has the same value on both; a label neither has does not make them equal here,
    // so a rule on [cluster, node] never joins diagnoses that both lack a node.
    private static boolean equal(Inhibitor i, Map<String, String> target) {
        for (String label : i.rule().equal()) {
            String value = i.labels().get(label);
            if (value == null || !Objects.equals(value, target.get(label))) {
                return false;
            }
        }
        return true;
    }

    private static String subject(Diagnosis.Scope s) {
        if (s == null) {
            return "?";
        }
        return s.node() != null ? "node " + s.node() : s.key();
    }

    private static boolean activeAt(Silence s, Instant now) {
        try {
            return s.activeAt(now);
        } catch (RuntimeException e) {
            // An unreadable time (the CLI never writes one): the silence holds nothing back, and says so.
            LOG.warn("silence {} has an unreadable startsAt '{}' or endsAt '{}'; it silences nothing until rewritten "
                    + "(logdoctor silence add writes RFC 3339 times)", s.id(), s.startsAt(), s.endsAt());
            return false;
        }
    }
}
