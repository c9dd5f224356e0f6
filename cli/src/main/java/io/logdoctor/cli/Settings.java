package io.logdoctor.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where a service's settings come from, first found wins: the command-line flag, the environment
 * ({@code LOGDOCTOR_POD_ROOT} for {@code pods-root}), the config file ({@code pods-root=...}), the
 * default. Kafka client settings pass through: {@code kafka.security.protocol} in the file, or
 * {@code LOGDOCTOR_KAFKA_SECURITY_PROTOCOL} in the environment, becomes {@code security.protocol}.
 */
final class Settings {

    static final String ENV_PREFIX = "LOGDOCTOR_";
    static final String KAFKA_PREFIX = "kafka.";

    private final Properties file;
    private final Map<String, String> env;

    private Settings(Properties file, Map<String, String> env) {
        this.file = file;
        this.env = env;
    }

    /** Reads the config file, if one is named by the flag or by {@code LOGDOCTOR_CONFIG}. */
    static Settings load(Path configFlag, Map<String, String> env) throws IOException {
        Properties file = new Properties();
        Path config = configFlag != null ? configFlag
                : env.containsKey(ENV_PREFIX + "CONFIG") ? Path.of(env.get(ENV_PREFIX + "CONFIG")) : null;
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new IOException("config file " + config + " does not exist");
            }
            try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                file.load(in);
            }
        }
        return new Settings(file, env);
    }

    /** The setting {@code name} (a long flag name such as {@code bootstrap-server}). */
    String get(String name, String flagValue, String fallback) {
        if (flagValue != null) {
            return flagValue;
        }
        String fromEnv = env.get(envName(name));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        String fromFile = file.getProperty(name);
        if (fromFile != null && !fromFile.isBlank()) {
            return fromFile.strip();
        }
        return fallback;
    }

    /** Like {@link #get}, but a missing value is an error that says every way to give it. */
    String require(String name, String flagValue) {
        String value = get(name, flagValue, null);
        if (value == null) {
            throw new IllegalArgumentException("missing setting '" + name + "': give --" + name + ", set "
                    + envName(name) + ", or put " + name + "=... in the --config file");
        }
        return value;
    }

    /** Kafka client properties from the file ({@code kafka.*}) and the environment ({@code LOGDOCTOR_KAFKA_*}). */
    Map<String, String> kafkaProperties() {
        Map<String, String> props = new TreeMap<>();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(KAFKA_PREFIX)) {
                props.put(key.substring(KAFKA_PREFIX.length()), file.getProperty(key).strip());
            }
        }
        String envKafka = ENV_PREFIX + "KAFKA_";
        env.forEach((key, value) -> {
            if (key.startsWith(envKafka)) {
                props.put(key.substring(envKafka.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return props;
    }

    /** The environment the settings were read from. */
    Map<String, String> environment() {
        return env;
    }

    static String envName(String name) {
        return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
