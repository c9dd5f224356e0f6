package io.logdoctor.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The settings one command declares: the service's own and the groups it shares (Kafka and topics, HTTP).
 * {@link #CLIENT} declares none of its own: the one-shot commands ({@code tail}, {@code backtest}, ...) read a
 * service's config file and take any key some service declares.
 */
record ServiceSettings(String command, List<Setting<?>> settings) {

    static final ServiceSettings SHIPPER = of("shipper", KafkaOptions.SETTINGS, HttpFlags.SETTINGS, JournalFlags.SETTINGS,
            ShipperSettings.ALL);
    static final ServiceSettings EVENTS = of("events", KafkaOptions.SETTINGS, HttpFlags.SETTINGS, EventsSettings.ALL);
    static final ServiceSettings STREAMS = of("streams", KafkaOptions.SETTINGS, HttpFlags.SETTINGS, StreamsSettings.ALL);
    static final ServiceSettings NOTIFIER = of("notifier", KafkaOptions.SETTINGS, HttpFlags.SETTINGS, NotifierSettings.ALL);
    static final ServiceSettings CLIENT = new ServiceSettings("client", List.of());
    static final List<ServiceSettings> SERVICES = List.of(SHIPPER, EVENTS, STREAMS, NOTIFIER);

    ServiceSettings {
        Set<String> names = new TreeSet<>();
        for (Setting<?> s : settings) {
            if (!names.add(s.name())) {
                throw new IllegalStateException("logdoctor " + command + " declares setting " + s.name() + " twice");
            }
        }
    }

    @SafeVarargs
    private static ServiceSettings of(String command, List<? extends Setting<?>>... groups) {
        List<Setting<?>> all = new ArrayList<>();
        Stream.of(groups).forEach(all::addAll);
        return new ServiceSettings(command, List.copyOf(all));
    }

    Map<String, Setting<?>> byName() {
        Map<String, Setting<?>> byName = new LinkedHashMap<>();
        settings.forEach(s -> byName.put(s.name(), s));
        return byName;
    }

    /** Every setting name some service declares. */
    static Set<String> allNames() {
        Set<String> names = new TreeSet<>();
        SERVICES.forEach(s -> names.addAll(s.byName().keySet()));
        return names;
    }

    /** The commands that declare {@code name}, as {@code logdoctor streams}. */
    static String commandsDeclaring(String name) {
        return String.join(" and ", SERVICES.stream().filter(s -> s.byName().containsKey(name))
                .map(s -> "logdoctor " + s.command()).toList());
    }
}
