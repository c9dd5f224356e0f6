package io.logdoctor.cli;

import io.logdoctor.records.HttpOptions;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * The HTTP settings every service command shares (docs/http.md): where its servers listen, how long a
 * client may take, how many requests at once, and the bearer token (from the environment or the config
 * file only, never a flag, so it does not show in {@code ps}).
 */
final class HttpFlags {

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
        String readTimeout = settings.get("http-read-timeout-ms", readTimeoutMs, String.valueOf(HttpOptions.DEFAULT_READ_TIMEOUT.toMillis()));
        String n = settings.get("http-workers", workers, String.valueOf(HttpOptions.DEFAULT_WORKERS));
        return new HttpOptions(
                settings.get("http-bind", bind, HttpOptions.defaultBindAddress(settings.environment())),
                Duration.ofMillis(number("http-read-timeout-ms", readTimeout)),
                (int) number("http-workers", n),
                settings.get("http-token", null, null));
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + name + "' must be a whole number; was '" + value + "'");
        }
    }
}
