package io.logdoctor.cli;

import io.logdoctor.records.Incident;
import io.logdoctor.records.Silence;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** An incident as a person reads it in a terminal: what, where, how many, which members, and what holds it back. */
final class IncidentPrinter {

    /** Members listed before "and N more". */
    static final int MEMBERS_SHOWN = 10;
    private static final List<String> ORDER = List.of("cluster", "namespace", "workload", "node", "pod", "container", "function",
            "logGroup");

    private IncidentPrinter() {
    }

    static String readable(Incident i, Map<String, Silence> silences) {
        StringBuilder s = new StringBuilder();
        String state = i.held() ? "HELD" : i.status().toUpperCase(Locale.ROOT);
        s.append(state).append("  [").append(i.severity()).append("]  ").append(i.signature()).append("  ")
                .append(labels(i.groupLabels())).append('\n');
        s.append("  ").append(i.title()).append('\n');
        s.append("  ").append(i.firing()).append(" of ").append(i.memberCount()).append(i.memberCount() == 1 ? " member" : " members")
                .append(" firing, seen ").append(i.count()).append(" times, first ").append(i.firstSeen()).append(", last ")
                .append(i.lastSeen()).append("   id ").append(i.id()).append('\n');
        for (String id : i.silencedBy()) {
            Silence silence = silences.get(id);
            s.append("  silenced by ").append(id);
            if (silence != null) {
                s.append(" until ").append(silence.endsAt()).append(": ")
                        .append(silence.matchers().stream().map(Silence.Matcher::toString).collect(Collectors.joining(", ")))
                        .append(silence.comment() == null ? "" : "  \"" + silence.comment() + "\"");
            }
            s.append('\n');
        }
        if (!i.explainedBy().isEmpty()) {
            s.append("  explained by ").append(String.join(", ", i.explainedBy())).append('\n');
        }
        s.append("  members:\n");
        List<Incident.Member> members = i.members();
        for (int n = 0; n < Math.min(MEMBERS_SHOWN, members.size()); n++) {
            Incident.Member m = members.get(n);
            s.append("    ").append(m.status().toUpperCase(Locale.ROOT)).append("  ").append(m.scope() == null ? "?" : m.scope().key())
                    .append(m.scope() != null && m.scope().node() != null ? "  node " + m.scope().node() : "")
                    .append("  ").append(m.count()).append("x, last ").append(m.lastSeen());
            if (m.explainedBy() != null) {
                s.append("  explained by ").append(String.join(", ", m.explainedBy()));
            }
            if (m.silencedBy() != null) {
                s.append("  silenced by ").append(String.join(", ", m.silencedBy()));
            }
            s.append('\n');
        }
        if (i.memberCount() > MEMBERS_SHOWN) {
            s.append("    and ").append(i.memberCount() - MEMBERS_SHOWN).append(" more\n");
        }
        return s.toString();
    }

    /** The group labels from the widest to the narrowest, whatever order the record holds them in. */
    private static String labels(Map<String, String> labels) {
        return ORDER.stream().filter(labels::containsKey).map(l -> l + "=" + labels.get(l)).collect(Collectors.joining(" "));
    }
}
