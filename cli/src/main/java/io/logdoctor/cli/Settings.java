package io.logdoctor.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a service's settings come from, first found wins: the command-line flag, the environment
 * ({@code LOGDOCTOR_POD_ROOT} for {@code pods-root}), the config file ({@code pods-root=...}), the
 * default. Values are read through their {@link Setting} declaration, so a bad one fails naming the setting,
 * the value and where it came from. Kafka client settings pass through: {@code kafka.security.protocol} in
 * the file, or {@code LOGDOCTOR_KAFKA_SECURITY_PROTOCOL} in the environment, becomes {@code security.protocol}.
 */
final class Settings {

    static final String ENV_PREFIX = "LOGDOCTOR_";
    static final String KAFKA_PREFIX = "kafka.";
    /** Variables the launcher and the logging set-up read, never settings of a service. */
    static final Set<String> NOT_SETTINGS = Set.of("LOGDOCTOR_CONFIG", "LOGDOCTOR_LOG_LEVEL", "LOGDOCTOR_LOG_FORMAT",
            "LOGDOCTOR_JAVA_OPTS", "LOGDOCTOR_CDS");

    private static final Logger log = LoggerFactory.getLogger(Settings.class);

    private final ConfigFile file;
    private final Map<String, String> env;

    /** A value found for a setting, and where: {@code flag --x}, {@code env LOGDOCTOR_X}, {@code file F line N}. */
    private record Found(String text, String where) {
    }

    private Settings(ConfigFile file, Map<String, String> env) {
        this.file = file;
        this.env = env;
    }

    /** Reads the config file, if one is named by the flag or by {@code LOGDOCTOR_CONFIG}. */
    static Settings load(Path configFlag, Map<String, String> env) throws IOException {
        Path config = configFlag != null ? configFlag
                : env.containsKey(ENV_PREFIX + "CONFIG") ? Path.of(env.get(ENV_PREFIX + "CONFIG")) : null;
        return new Settings(config == null ? ConfigFile.empty() : ConfigFile.read(config), env);
    }

    /**
     * Checks the file and the environment against what {@code service} declares: a file key no command
     * declares fails (with the closest known key), one only other services declare is ignored with a WARN (a
     * file may serve several services), and every value given for one of its settings must parse. A
     * {@code LOGDOCTOR_*} variable that is no setting is left alone (the environment holds the launcher's
     * too), with a WARN when it is a near miss of one.
     *
     * @throws IllegalArgumentException naming the key, the value and where it came from
     */
    Settings checkedFor(ServiceSettings service) {
        Map<String, Setting<?>> own = service.byName();
        Set<String> known = ServiceSettings.allNames();
        for (ConfigFile.Entry e : file.entries()) {
            if (e.key().startsWith(KAFKA_PREFIX)) {
                continue;
            }
            if (!known.contains(e.key())) {
                int edits = Math.max(1, Math.min(3, e.key().length() / 4)); // "foo" is no typo of "node"
                String near = Spelling.closest(e.key(), own.keySet(), edits);
                near = near != null ? near : Spelling.closest(e.key(), known, edits);
                throw new IllegalArgumentException("unknown setting '" + e.key() + "' in " + file.where(e)
                        + ": no logdoctor command has a setting of this name; "
                        + (near != null ? "did you mean " + near + "?" : "keys are the long flag names (see --help), and kafka.* "
                        + "for the Kafka clients"));
            }
            if (!own.isEmpty() && !own.containsKey(e.key())) {
                log.warn("{} is a setting of {}, not of logdoctor {}: ignored ({})", e.key(),
                        ServiceSettings.commandsDeclaring(e.key()), service.command(), file.where(e));
            }
        }
        Set<String> ownEnv = new HashSet<>();
        own.values().forEach(s -> ownEnv.add(s.envName()));
        Set<String> knownEnv = new HashSet<>();
        known.forEach(name -> knownEnv.add(envName(name)));
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !name.startsWith(ENV_PREFIX + "KAFKA_") && !knownEnv.contains(name)
                    && !NOT_SETTINGS.contains(name)) {
                String near = Spelling.closest(name, ownEnv, 2);
                if (near != null) {
                    log.warn("environment variable {} is no setting of logdoctor {}: ignored; did you mean {}?", name,
                            service.command(), near);
                }
            }
        });
        own.values().forEach(s -> get(s, null)); // every value given in the environment or the file must parse
        return this;
    }

    /** The value of {@code setting}: {@code flagValue} when not null, else the environment, the file, the default. */
    <T> T get(Setting<T> setting, String flagValue) {
        Found found = find(setting.name(), flagValue);
        if (found == null) {
            return setting.defaultValue();
        }
        try {
            return setting.kind().parse(found.text());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("setting '" + setting.name() + "' must be " + setting.kind().accepted()
                    + "; was '" + found.text() + "' from " + found.where(), e);
        }
    }

    /** A boolean setting whose flag takes no value: on when the flag is given, else as {@link #get}. */
    boolean isOn(Setting<Boolean> setting, boolean flag) {
        return flag || get(setting, null);
    }

    /** Like {@link #get}, but a missing value is an error that says every way to give it. */
    <T> T require(Setting<T> setting, String flagValue) {
        T value = get(setting, flagValue);
        if (value == null) {
            throw missing(setting.name());
        }
        return value;
    }

    /** The text of the setting {@code name} (a long flag name such as {@code bootstrap-server}), unchecked. */
    String get(String name, String flagValue, String fallback) {
        Found found = find(name, flagValue);
        return found == null ? fallback : found.text();
    }

    /** Like {@link #get(String, String, String)}, but a missing value is an error that says every way to give it. */
    String require(String name, String flagValue) {
        String value = get(name, flagValue, null);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    private Found find(String name, String flagValue) {
        if (flagValue != null) {
            return new Found(flagValue, "flag --" + name);
        }
        String fromEnv = env.get(envName(name));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Found(fromEnv, "env " + envName(name));
        }
        ConfigFile.Entry fromFile = file.get(name);
        if (fromFile != null && !fromFile.value().isBlank()) {
            return new Found(fromFile.value().strip(), file.where(fromFile));
        }
        return null;
    }

    private static IllegalArgumentException missing(String name) {
        return new IllegalArgumentException("missing setting '" + name + "': give --" + name + ", set "
                + envName(name) + ", or put " + name + "=... in the --config file");
    }

    /** Kafka client properties from the file ({@code kafka.*}) and the environment ({@code LOGDOCTOR_KAFKA_*}). */
    Map<String, String> kafkaProperties() {
        Map<String, String> props = new TreeMap<>();
        for (ConfigFile.Entry e : file.entries()) {
            if (e.key().startsWith(KAFKA_PREFIX)) {
                props.put(e.key().substring(KAFKA_PREFIX.length()), e.value().strip());
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
