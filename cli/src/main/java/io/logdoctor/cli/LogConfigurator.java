package io.logdoctor.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Map;

/**
 * The logdoctor command's logging, set up in code (registered in {@code META-INF/services}): everything goes to
 * stderr, so stdout stays data; the root level and the format (text or JSON lines) come from the log-level /
 * log-format flags or {@code LOGDOCTOR_LOG_LEVEL} / {@code LOGDOCTOR_LOG_FORMAT} ({@link LogSettings} applies them).
 * Not a {@code logback.xml}: reading one (Joran, an XML parser, reflection) took 0.2 s of every start, and a shipper
 * killed 0.9 s after it started must have begun copying what is at risk by then (issue 11).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /** Loggers quieter than the root, each for a reason. */
    static final Map<String, Level> QUIET = Map.of(
            // Kafka's own components are chatty at INFO (hundreds of lines per start); their warnings still show.
            "kafka", Level.WARN, "org.apache.kafka", Level.WARN, "state.change.logger", Level.WARN,
            // Polled for readiness while the broker starts: each refused connection would be a warning; a service
            // says once a minute itself when Kafka stays unreachable (KafkaReachability).
            "org.apache.kafka.clients.NetworkClient", Level.ERROR,
            // Every fresh KRaft broker warns once that it is bootstrapping its metadata log: expected.
            "org.apache.kafka.controller.QuorumController", Level.ERROR,
            // Kafka 4's transactions (KIP-890): a transaction started while the previous one's markers are written
            // gets CONCURRENT_TRANSACTIONS and is retried at once; sends that really fail reach the shipper.
            "org.apache.kafka.clients.producer.internals.Sender", Level.ERROR,
            // The streams app's global consumer: "Not updating last stable offset ... no longer assigned" when it moves
            // from restoring its global stores to running, the client's own bookkeeping.
            "org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils", Level.ERROR,
            "org.testcontainers", Level.WARN, "tc", Level.WARN);

    /** The root level asked for: set before logging starts, as any thread's first logger may configure it. */
    private static volatile Level level = Level.INFO;

    static void level(Level asked) {
        level = asked;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LogLayout layout = new LogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Level asked = level;
        root.setLevel(asked);
        root.addAppender(stderr);
        QUIET.forEach((name, quiet) -> context.getLogger(name).setLevel(quiet.isGreaterOrEqual(asked) ? quiet : asked));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
