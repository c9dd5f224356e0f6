package io.logdoctor.cli;

import io.logdoctor.records.HttpOptions;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/**
 * The HTTP settings every service command shares (docs/http.md): where its servers listen, how long a
 * client may take, how many requests at once, and the bearer token (from the environment or the config
 * file only, never a flag, so it does not show in {@code ps}).
 */
final class HttpFlags {

    static final String DOCS = "docs/http.md";
    static final Setting<String> BIND = Setting.of("http-bind", Kind.STRING, null, "the address every HTTP server of the process listens on",
            DOCS).defaultDescribedAs("`0.0.0.0` in Kubernetes, else `127.0.0.1`");
    static final Setting<Long> READ_TIMEOUT_MS = Setting.of("http-read-timeout-ms", Kind.LONG,
            String.valueOf(HttpOptions.DEFAULT_READ_TIMEOUT.toMillis()), "time a client has to send its request, in ms", DOCS);
    static final Setting<Integer> WORKERS = Setting.of("http-workers", Kind.INT, String.valueOf(HttpOptions.DEFAULT_WORKERS),
            "requests worked on at once per server", DOCS);
    static final Setting<String> TOKEN = Setting.of("http-token", Kind.STRING, null, "bearer token of the data routes (no flag: never in ps)",
            DOCS).defaultDescribedAs("none");
    static final List<Setting<?>> SETTINGS = List.of(BIND, READ_TIMEOUT_MS, WORKERS, TOKEN);

    @Option(names = "--http-bind", paramLabel = "ADDRESS",
            description = "Address the HTTP servers listen on (default: 0.0.0.0 inside Kubernetes, else 127.0.0.1).")
    String bind;

    @Option(names = "--http-read-timeout-ms", paramLabel = "MS",
            description = "A client that takes longer to send its request, or to take a write of the answer, is dropped (default: 10000).")
    String readTimeoutMs;

    @Option(names = "--http-workers", paramLabel = "N",
            description = "Requests worked on at once per server; more get 503 with Retry-After (default: 4).")
    String workers;

    /** The options from the flags, {@code LOGDOCTOR_HTTP_*}, the config file, and the defaults. */
    HttpOptions options(Settings settings) {
        String bindAddress = settings.get(BIND, bind);
        return new HttpOptions(bindAddress != null ? bindAddress : HttpOptions.defaultBindAddress(settings.environment()),
                Duration.ofMillis(settings.get(READ_TIMEOUT_MS, readTimeoutMs)),
                settings.get(WORKERS, workers),
                settings.get(TOKEN, null));
    }
}
