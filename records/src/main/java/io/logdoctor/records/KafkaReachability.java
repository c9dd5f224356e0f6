package io.logdoctor.records;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Whether a service can reach Kafka, for its {@code /readyz}: every {@value #INTERVAL_SECONDS} s an Admin
 * client asks the cluster to describe itself. The clients a service works with cannot say it: a producer
 * or consumer with nothing to do keeps no request outstanding, and Kafka Streams stays RUNNING through an
 * outage (all three services answered 200 for 80 s after the broker was killed). Kafka's own connection
 * warnings are silenced by the logging config (they flood while a broker starts), so this says it instead:
 * a WARN when Kafka has been unreachable for {@value #UNREACHABLE_AFTER_SECONDS} s, then once a minute, and
 * an INFO when it is back.
 */
public final class KafkaReachability implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaReachability.class);
    static final int INTERVAL_SECONDS = 5;
    /** Unready after this long without an answer: one lost probe is a blip, three are an outage. */
    static final int UNREACHABLE_AFTER_SECONDS = 15;
    static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final String service;
    private final String bootstrap;
    private final Clock clock;
    private final Consumer<String> warn;
    private final Admin admin;
    private final ScheduledExecutorService probe;
    private volatile Long lastSuccessMillis;
    private volatile String lastError = "no answer yet";
    private long warnedMillis = Long.MIN_VALUE;
    private boolean outage;

    KafkaReachability(String service, String bootstrap, Clock clock, Consumer<String> warn, Admin admin) {
        this.service = service;
        this.bootstrap = bootstrap;
        this.clock = clock;
        this.warn = warn;
        this.admin = admin;
        this.probe = admin == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "logdoctor-" + service + "-kafka-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts probing {@code bootstrap} with the service's client settings ({@code clientProperties}: SASL, TLS;
     * settings only producers or consumers know are ignored by the Admin client).
     */
    public static KafkaReachability start(String service, String bootstrap, Map<String, ?> clientProperties) {
        return start(service, bootstrap, clientProperties, 0);
    }

    /**
     * As {@link #start(String, String, Map)}, for a probe started after the service's own requests were answered at
     * {@code answeredAtMillis} (0: none were): an outage that begins before its first check is then told as
     * "unreachable for N s", not as "has not answered yet".
     */
    public static KafkaReachability start(String service, String bootstrap, Map<String, ?> clientProperties, long answeredAtMillis) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "logdoctor-" + service + "-readiness");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, INTERVAL_SECONDS * 1000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, INTERVAL_SECONDS * 1000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        KafkaReachability r = new KafkaReachability(service, bootstrap, Clock.systemUTC(), log::warn, Admin.create(props));
        if (answeredAtMillis > 0) {
            r.lastSuccessMillis = answeredAtMillis;
        }
        r.probe.scheduleWithFixedDelay(r::check, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
        return r;
    }

    private void check() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(INTERVAL_SECONDS * 1000)).clusterId()
                    .get(INTERVAL_SECONDS + 1, TimeUnit.SECONDS);
            answered();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            failed(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
    }

    /** The cluster answered. */
    synchronized void answered() {
        long now = clock.millis();
        if (outage) {
            log.info("{}: Kafka at {} answers again after {} s; ready", service, bootstrap, (now - lastSuccessMillis) / 1000);
        }
        outage = false;
        warnedMillis = Long.MIN_VALUE;
        lastSuccessMillis = now;
    }

    /** A probe failed with {@code error}; warns when that makes an outage, and once a minute while it lasts. */
    synchronized void failed(String error) {
        lastError = error;
        String problem = problem();
        long now = clock.millis();
        if (problem != null && (warnedMillis == Long.MIN_VALUE || now - warnedMillis >= WARN_EVERY.toMillis())) {
            warn.accept(service + ": " + problem + "; /readyz answers 503 until it is back");
            warnedMillis = now;
            outage = lastSuccessMillis != null;
        }
    }

    /** Why Kafka counts as unreachable now, or null when it answered within the last {@value #UNREACHABLE_AFTER_SECONDS} s. */
    public String problem() {
        Long last = lastSuccessMillis;
        if (last == null) {
            return "Kafka at " + bootstrap + " has not answered yet (" + lastError + ")";
        }
        long silent = clock.millis() - last;
        return silent < UNREACHABLE_AFTER_SECONDS * 1000L ? null
                : "Kafka at " + bootstrap + " unreachable for " + silent / 1000 + " s (" + lastError + ")";
    }

    @Override
    public void close() {
        if (probe != null) {
            probe.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
