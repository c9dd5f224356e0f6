package io.logdoctor.broker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * A real single-node Kafka broker (KRaft, broker and controller combined) running in this JVM and
 * listening on 127.0.0.1 only.
 *
 * <p>It is Kafka's own {@code KafkaRaftServer}, formatted with Kafka's own {@code Formatter}, so
 * clients see exactly what a production broker would tell them. Topics are never auto-created.
 * Producers into a new topic must still wait until its partitions answer list-offsets
 * (KAFKA-15591); {@code io.logdoctor.records.TopicCreator} does that.
 *
 * <p>While any broker of this class starts or runs, Kafka's {@code Exit.exit} and {@code Exit.halt}
 * throw instead of ending the JVM (see {@code ExitGuard}).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** Tries with fresh ports when a picked port is taken before Kafka binds it. */
    private static final int ATTEMPTS = 5;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How to start a broker.
     *
     * @param port    the client port on 127.0.0.1, or 0 to pick a free one
     * @param dataDir where logs and metadata live and survive restarts, or null for a temp dir deleted on close
     */
    public record Options(int port, Path dataDir) {

        /** Checks that the port is 0 or a valid TCP port. */
        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535; was " + port);
            }
        }

        /** Any free port and a temp dir deleted on close. */
        public static Options defaults() {
            return new Options(0, null);
        }

        /** These options with another port (0 for any free one). */
        public Options withPort(int port) {
            return new Options(port, dataDir);
        }

        /** These options with another data dir (null for a temp dir). */
        public Options withDataDir(Path dataDir) {
            return new Options(port, dataDir);
        }
    }

    private final KafkaRaftServer server;
    private final DataDir dataDir;
    private final String bootstrapServers;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, DataDir dataDir, String bootstrapServers) {
        this.server = server;
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a broker and returns once a client has seen it answer, or throws IllegalStateException
     * (IllegalArgumentException for a data dir that holds something other than a Kafka log).
     */
    public static EmbeddedKafka start(Options options) {
        return start(options, Ports::pick);
    }

    /** Starts with ports from {@code picker}, so a test can hand out a taken port first. */
    static EmbeddedKafka start(Options options, IntFunction<Ports> picker) {
        Objects.requireNonNull(options, "options");
        long started = System.nanoTime();
        DataDir dir = DataDir.open(options.dataDir());
        ExitGuard.acquire();
        try {
            dir.formatIfNeeded();
            EmbeddedKafka kafka = startWithRetries(options.port(), dir, picker);
            log.info("Kafka broker ready on {} in {} ms, data in {}", kafka.bootstrapServers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dir.path());
            return kafka;
        } catch (Throwable e) {
            ExitGuard.release();
            deleteQuietly(dir);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error err) {
                throw err;
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start Kafka: " + e.getMessage(), e);
        }
    }

    private static EmbeddedKafka startWithRetries(int port, DataDir dir, IntFunction<Ports> picker)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            if (port != 0 && Ports.inUse(port)) {
                throw portInUse(port);
            }
            Ports ports = picker.apply(port);
            try {
                return launch(ports, dir);
            } catch (Exception e) {
                // A controller-side clash reaches us only as a refused halt with no cause, so also
                // ask whether one of our ports is held by someone else now that our server is down.
                if (!Ports.isBindFailure(e) && !ports.anyInUse()) {
                    throw e;
                }
                if (port != 0 && Ports.inUse(port)) {
                    throw portInUse(port);
                }
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("cannot bind Kafka's ports after " + ATTEMPTS + " attempts", e);
                }
                // Another process took a port between our pick and Kafka's bind: pick again.
                log.info("port taken during start ({}); retrying with new ports", e.getMessage());
            }
        }
    }

    private static EmbeddedKafka launch(Ports ports, DataDir dir) throws Exception {
        // false: do not log the ~200-line config dump at INFO.
        KafkaConfig config = KafkaConfig.fromProps(BrokerConfig.of(ports, dir.path()), false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        String bootstrap = Ports.LOOPBACK.getHostAddress() + ":" + ports.broker();
        try {
            server.startup();
            awaitReady(bootstrap);
            return new EmbeddedKafka(server, dir, bootstrap);
        } catch (Exception e) {
            stopQuietly(server);
            throw e;
        }
    }

    /** startup() returns once the broker is unfenced; a client round trip proves the listener answers. */
    private static void awaitReady(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty()) {
                throw new IllegalStateException("Kafka on " + bootstrap + " answered with no nodes");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka on " + bootstrap + " not ready within " + READY_TIMEOUT, e);
        }
    }

    private static IllegalStateException portInUse(int port) {
        return new IllegalStateException("port " + port + " is in use; pick another with --port");
    }

    /** The address clients connect to, such as {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Where this broker keeps its logs and metadata. */
    public Path dataDir() {
        return dataDir.path();
    }

    /** Stops the broker cleanly and deletes its temp dir; later calls do nothing, and a shutdown hook may call it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Yammer's metrics-meter-tick threads outlive the broker. They are daemons and do not keep the
        // JVM up, but exec:java must run with cleanupDaemonThreads=false or it waits 15 s for them.
        try {
            server.shutdown();
            server.awaitShutdown();
            log.info("Kafka broker on {} stopped", bootstrapServers);
        } finally {
            ExitGuard.release();
            deleteQuietly(dataDir);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers + ", " + dataDir.path() + "]";
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.debug("shutdown after a failed start also failed", e);
        }
    }

    private static void deleteQuietly(DataDir dir) {
        try {
            dir.deleteIfTemporary();
        } catch (RuntimeException e) {
            log.warn("{}", e.getMessage());
        }
    }
}
