package io.logdoctor.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The settings of {@code logdoctor streams} (README, Configuration; the incident timing in docs/incidents.md). */
final class StreamsSettings {

    static final String DOCS = "README.md";
    static final String INCIDENT_DOCS = "docs/incidents.md";

    static final Setting<Path> STATE_DIR = Setting.of("state-dir", Kind.PATH, null, "local RocksDB state", DOCS)
            .defaultDescribedAs("`~/.logdoctor/streams`");
    static final Setting<Path> SIGNATURES = Setting.of("signatures", Kind.PATH, null, "a catalogue directory to start from", DOCS)
            .defaultDescribedAs("the bundled catalogue");
    static final Setting<Integer> HTTP_PORT = Setting.of("http-port", Kind.PORT, "8080", "port of the HTTP endpoints; -1 for none", DOCS);
    static final Setting<String> ADVERTISED_HOST = Setting.of("advertised-host", Kind.STRING, null,
            "where other instances reach this one's HTTP port", DOCS).defaultDescribedAs("`POD_IP`, else the host name");
    static final Setting<Duration> REPEAT_INTERVAL = Setting.of("repeat-interval", Kind.DURATION, "1h",
            "while a diagnosis keeps firing, re-emit it at most this often", DOCS);
    static final Setting<Duration> GROUP_WAIT = Setting.of("group-wait", Kind.DURATION, "30s",
            "a new incident waits this long for more members", INCIDENT_DOCS);
    static final Setting<Duration> GROUP_INTERVAL = Setting.of("group-interval", Kind.DURATION, "5m",
            "members joining or leaving an incident are sent at most this often", INCIDENT_DOCS);
    static final Setting<Duration> INCIDENT_REPEAT_INTERVAL = Setting.of("incident-repeat-interval", Kind.DURATION, "4h",
            "an incident that keeps firing unchanged is sent again this often", INCIDENT_DOCS);
    static final Setting<List<String>> GROUP_BY = Setting.of("group-by", Kind.LIST, "cluster,namespace,workload,function",
            "labels that split diagnoses into incidents when a signature has no group_by", INCIDENT_DOCS);

    static final List<Setting<?>> ALL = List.of(STATE_DIR, SIGNATURES, HTTP_PORT, ADVERTISED_HOST, REPEAT_INTERVAL, GROUP_WAIT,
            GROUP_INTERVAL, INCIDENT_REPEAT_INTERVAL, GROUP_BY);

    private StreamsSettings() {
    }
}
