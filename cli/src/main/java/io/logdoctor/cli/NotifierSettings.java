package io.logdoctor.cli;

import java.nio.file.Path;
import java.util.List;

/** The settings of {@code logdoctor notifier} (docs/notifier.md, Settings). */
final class NotifierSettings {

    static final String DOCS = "docs/notifier.md";

    static final Setting<Path> ROUTES = Setting.of("routes", Kind.PATH, null, "the routes file (YAML)", DOCS).defaultDescribedAs("(required)");
    static final Setting<Integer> HTTP_PORT = Setting.of("http-port", Kind.PORT, "8081", "port of /healthz and /metrics; -1 for none", DOCS);

    static final List<Setting<?>> ALL = List.of(ROUTES, HTTP_PORT);

    private NotifierSettings() {
    }
}
