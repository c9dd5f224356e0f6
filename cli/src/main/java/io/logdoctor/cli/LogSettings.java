package io.logdoctor.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command's own logging: {@code --log-level} (trace, debug, info, warn, error) and {@code --log-format}
 * (text, json), else {@code LOGDOCTOR_LOG_LEVEL} / {@code LOGDOCTOR_LOG_FORMAT}, else info and text. Read from
 * the command line before picocli runs (any subcommand takes them), so the first line a service logs already
 * has its format.
 */
final class LogSettings {

    static final String LEVEL_FLAG = "--log-level";
    static final String FORMAT_FLAG = "--log-format";
    static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");
    static final List<String> FORMATS = List.of("text", "json");

    record Choice(Level level, boolean json) {
    }

    private LogSettings() {
    }

    /**
     * The level and format {@code args} and {@code env} ask for.
     *
     * @throws IllegalArgumentException naming the flag or variable and the value, for a value it does not know
     */
    static Choice read(String[] args, Map<String, String> env) {
        String level = value(args, env, LEVEL_FLAG, "LOGDOCTOR_LOG_LEVEL", "info", LEVELS);
        String format = value(args, env, FORMAT_FLAG, "LOGDOCTOR_LOG_FORMAT", "text", FORMATS);
        return new Choice(Level.toLevel(level), format.equals("json"));
    }

    /**
     * Makes {@code choice} the configuration logging starts with, whichever thread logs first (the shipper's
     * {@link EarlyShipperStart} may); {@link #apply} then applies it to a logging already started.
     */
    static void prepare(Choice choice) {
        LogLayout.json(choice.json());
        LogConfigurator.level(choice.level());
    }

    /** Applies {@code choice}: the root level (and Kafka's loggers when it is stricter than theirs), and the format. */
    static void apply(Choice choice) {
        LogLayout.json(choice.json());
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another slf4j backend (a test classpath): it keeps its own configuration
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(choice.level());
        for (Logger logger : context.getLoggerList()) {
            Level own = logger.getLevel();
            if (own != null && !own.isGreaterOrEqual(choice.level())) {
                logger.setLevel(choice.level()); // --log-level error quiets Kafka's WARN loggers too
            }
        }
    }

    private static String value(String[] args, Map<String, String> env, String flag, String variable, String fallback,
                                List<String> allowed) {
        String value = null;
        String source = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals(flag) && i + 1 < args.length) {
                value = args[i + 1];
                source = flag;
            } else if (args[i].startsWith(flag + "=")) {
                value = args[i].substring(flag.length() + 1);
                source = flag;
            }
        }
        if (value == null && env.get(variable) != null && !env.get(variable).isBlank()) {
            value = env.get(variable);
            source = variable;
        }
        if (value == null) {
            return fallback;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException(source + (source.startsWith("--") ? " " : "=") + value + ": not one of "
                    + String.join(", ", allowed));
        }
        return v;
    }
}
