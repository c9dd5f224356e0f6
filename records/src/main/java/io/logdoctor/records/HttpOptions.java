package io.logdoctor.records;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How one of logdoctor's HTTP servers faces its clients: where it listens, how long a client may take to
 * send a request (and to take the answer), how many requests it works on at once, and the optional
 * bearer token of its protected routes.
 *
 * @param bindAddress the address to listen on: {@code 127.0.0.1} (this host only) or {@code 0.0.0.0}
 * @param readTimeout how long a client may take to send its request line, headers and body, and to take
 *                    each write of the answer; a slower client is disconnected and its worker freed
 * @param workers     requests worked on at once; one more is answered 503 with {@code Retry-After}
 * @param bearerToken the token protected routes require as {@code Authorization: Bearer <token>}, or
 *                    null for none (the routes are then open, as before)
 */
public record HttpOptions(String bindAddress, Duration readTimeout, int workers, String bearerToken) {

    /** Slowloris bound: a request line, headers and an 8 MiB body take well under this on a cluster network. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_WORKERS = 4;
    public static final String LOOPBACK = "127.0.0.1";
    public static final String ALL_INTERFACES = "0.0.0.0";

    /** Validates; a blank token means none. */
    public HttpOptions {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("http bind address must not be empty; was '" + bindAddress + "'");
        }
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("http read timeout must be positive; was " + readTimeout);
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("http workers must be 1..256; was " + workers);
        }
        bindAddress = bindAddress.strip();
        bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken.strip();
    }

    /** The defaults for this environment: see {@link #defaultBindAddress}. */
    public static HttpOptions defaults() {
        return new HttpOptions(defaultBindAddress(System.getenv()), DEFAULT_READ_TIMEOUT, DEFAULT_WORKERS, null);
    }

    /**
     * All interfaces inside a Kubernetes pod (the kubelet probes the pod IP; Kubernetes sets
     * {@code KUBERNETES_SERVICE_HOST} in every container), else loopback, so a laptop or a VM does not
     * publish diagnoses and metrics to its whole network by default. The manifests in {@code deploy/}
     * still set {@code LOGDOCTOR_HTTP_BIND=0.0.0.0} explicitly.
     */
    public static String defaultBindAddress(Map<String, String> env) {
        String k8s = env.get("KUBERNETES_SERVICE_HOST");
        return k8s != null && !k8s.isBlank() ? ALL_INTERFACES : LOOPBACK;
    }

    public HttpOptions withBindAddress(String address) {
        return new HttpOptions(address, readTimeout, workers, bearerToken);
    }

    public HttpOptions withReadTimeout(Duration timeout) {
        return new HttpOptions(bindAddress, timeout, workers, bearerToken);
    }

    public HttpOptions withWorkers(int n) {
        return new HttpOptions(bindAddress, readTimeout, n, bearerToken);
    }

    public HttpOptions withBearerToken(String token) {
        return new HttpOptions(bindAddress, readTimeout, workers, token);
    }

    /** Never shows the token, which would otherwise end up in logs. */
    @Override
    public String toString() {
        return "HttpOptions[bind=" + bindAddress + ", readTimeout=" + readTimeout + ", workers=" + workers
                + ", bearerToken=" + (bearerToken == null ? "none" : "(set)") + "]";
    }
}
