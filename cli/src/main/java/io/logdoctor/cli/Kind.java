package io.logdoctor.cli;

import io.logdoctor.records.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The type of a setting: how its text is read, and what it accepts, as an error message says it. A parser
 * may throw anything; {@link Settings} turns it into one message naming the setting, the value and its source.
 */
final class Kind<T> {

    static final Kind<String> STRING = new Kind<>("string", "any text", s -> s);
    static final Kind<Integer> INT = new Kind<>("int", "a whole number", s -> Integer.parseInt(s.strip()));
    static final Kind<Long> LONG = new Kind<>("long", "a whole number", s -> Long.parseLong(s.strip()));
    static final Kind<Integer> PORT = new Kind<>("port", "a port number from 0 to 65535, or -1 for none", Kind::port);
    static final Kind<Boolean> BOOLEAN = new Kind<>("boolean", "true or false", Kind::bool);
    static final Kind<Duration> DURATION = new Kind<>("duration", Durations.ACCEPTED, Durations::parse);
    static final Kind<Path> PATH = new Kind<>("path", "a file or directory path", s -> Path.of(s.strip()));
    static final Kind<List<String>> LIST = new Kind<>("list", "a comma-separated list",
            s -> Arrays.stream(s.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList());
    /** A start position: {@code now} (zero lookback) or a lookback duration. */
    static final Kind<Duration> LOOKBACK = new Kind<>("lookback", "now, or a lookback: " + Durations.ACCEPTED,
            s -> s.strip().equalsIgnoreCase("now") ? Duration.ZERO : Durations.parse(s));
    /** Like {@link #LOOKBACK}, and {@code all} (read everything): null. */
    static final Kind<Duration> LOOKBACK_OR_ALL = new Kind<>("lookback", "now, all, or a lookback: " + Durations.ACCEPTED,
            s -> s.strip().equalsIgnoreCase("all") ? null : LOOKBACK.parse(s));

    private final String name;
    private final String accepted;
    private final Function<String, T> parser;

    private Kind(String name, String accepted, Function<String, T> parser) {
        this.name = name;
        this.accepted = accepted;
        this.parser = parser;
    }

    /** One of {@code values}, compared without case; the value as declared. */
    static Kind<String> oneOf(String... values) {
        return new Kind<>("enum", "one of " + String.join(", ", values), s -> Arrays.stream(values)
                .filter(v -> v.equalsIgnoreCase(s.strip())).findFirst().orElseThrow(IllegalArgumentException::new));
    }

    String name() {
        return name;
    }

    String accepted() {
        return accepted;
    }

    T parse(String text) {
        return parser.apply(text);
    }

    private static int port(String s) {
        int n = Integer.parseInt(s.strip());
        if (n < -1 || n > 65535) {
            throw new IllegalArgumentException();
        }
        return n;
    }

    private static boolean bool(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException();
        };
    }
}
