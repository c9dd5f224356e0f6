package io.logdoctor.records;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * One service's metrics: a Micrometer {@link PrometheusMeterRegistry} with the JVM and process binders,
 * {@code logdoctor_build_info{version,commit}}, and the Kafka clients the service binds; {@link #scrape()}
 * is its {@code /metrics} (text format 0.0.4, every family with HELP and TYPE).
 *
 * <p>Metric names are written as Prometheus will show them ({@code logdoctor_shipper_lines_shipped_total}),
 * counters with {@code _total}. Labels take bounded values only (a reason, a signature, a destination):
 * a file path or a request id as a label makes one series per value, without end.
 */
public final class ServiceMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceMetrics.class);
    /** Written by the cli build (version, commit); absent in a module's own tests, then "unknown". */
    static final String BUILD_RESOURCE = "/logdoctor-version.properties";
    /**
     * Metrics in milli- or nanoseconds (Kafka's {@code io-wait-time-ns-avg}, {@code app-info start-time-ms}, the
     * process binder's {@code process.cpu.time} in ns): promtool's lint refuses unit abbreviations and non-base
     * units, and a filter cannot rescale a value, so they are left out. Their twins stay: {@code io-wait-ratio},
     * {@code process_cpu_usage}, {@code process_start_time_seconds}.
     */
    private static final Pattern SUB_SECOND_NAME = Pattern.compile("(^|.*\\.)(ns|ms)(\\..*|$)");
    private static final Set<String> SUB_SECOND_UNITS = Set.of("ns", "ms", "nanoseconds", "milliseconds");

    /**
     * Gauges whose names end in {@code count}: promtool keeps {@code _count} for histograms and summaries. The
     * process binder's {@code system.cpu.count} is served as {@code system_cpus}; Kafka's {@code connection-count}
     * is left out (renamed, Micrometer's Kafka binder registers it again at each of its checks and the renamed
     * gauge would keep the first client's value).
     */
    private static final MeterFilter COUNT_GAUGES = new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
            return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
        }

        @Override
        public MeterFilterReply accept(Meter.Id id) {
            return id.getName().startsWith("kafka.") && id.getName().endsWith(".connection.count")
                    ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
        }
    };

    /**
     * Kafka leaves some metrics undescribed (the per-node {@code request-latency-avg}): promtool wants HELP on every
     * family, so they say what they are by their Kafka name.
     */
    private static final MeterFilter DESCRIBED = new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
            String help = id.getDescription();
            return help != null && !help.isBlank() || !id.getName().startsWith("kafka.") ? id
                    : new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
                            "Kafka client metric " + id.getName() + " (Kafka gives it no description).", id.getType());
        }
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private final Map<String, KafkaClientMetrics> kafkaClients = new HashMap<>();
    private final List<Object> sources = new CopyOnWriteArrayList<>();

    private ServiceMetrics() {
    }

    /** A registry with the JVM, process and build metrics bound: a service's. */
    public static ServiceMetrics create() {
        ServiceMetrics m = bare();
        List.of(new ClassLoaderMetrics(), new JvmMemoryMetrics(), new JvmThreadMetrics(), new JvmInfoMetrics(),
                new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics()).forEach(b -> b.bindTo(m.registry));
        JvmGcMetrics gc = new JvmGcMetrics(); // listens to GC notifications until closed
        gc.bindTo(m.registry);
        m.closeables.add(gc);
        Properties build = build();
        Info.builder().name("logdoctor_build_info").help("The logdoctor build this process runs; the value is always 1.")
                .labelNames("version", "commit").register(m.registry.getPrometheusRegistry())
                .setLabelValues(value(build, "version"), value(build, "commit"));
        return m;
    }

    /**
     * A registry for a component's own meters only, without the JVM, process and build metrics (and their
     * GC listeners): for offline runs and tests that count but serve no {@code /metrics}.
     */
    public static ServiceMetrics bare() {
        ServiceMetrics m = new ServiceMetrics();
        m.registry.config()
                .meterFilter(MeterFilter.deny(id -> SUB_SECOND_NAME.matcher(id.getName()).matches()
                        || SUB_SECOND_UNITS.contains(String.valueOf(id.getBaseUnit()))))
                .meterFilter(COUNT_GAUGES)
                .meterFilter(DESCRIBED);
        return m;
    }

    /** The registry services register their own meters in. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every metric in the Prometheus text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Serves the producer's own metrics (sends, errors, batch sizes, transactions) in place of the previous
     * client bound as {@code role} (a producer replaced after a failed transaction), and returns it.
     */
    public <P extends Producer<?, ?>> P bindKafka(String role, P producer) {
        replace(role, new KafkaClientMetrics(producer));
        return producer;
    }

    /** Serves the consumer's own metrics, its lag per partition included, in place of the previous {@code role}. */
    public <C extends Consumer<?, ?>> C bindKafka(String role, C consumer) {
        replace(role, new KafkaClientMetrics(consumer));
        return consumer;
    }

    private synchronized void replace(String role, KafkaClientMetrics binder) {
        KafkaClientMetrics previous = kafkaClients.put(role, binder);
        if (previous != null) {
            closeables.remove(previous);
            previous.close(); // removes its meters: a closed client's metrics would read as frozen
        }
        bindClosing(binder);
    }

    /** Binds {@code binder} and closes it with this registry (KafkaStreamsMetrics, for one). */
    public <B extends MeterBinder & AutoCloseable> void bindClosing(B binder) {
        binder.bindTo(registry);
        closeables.add(binder);
    }

    /** A counter read from {@code source} at scrape time; {@code name} ends in {@code _total}. */
    public <T> void counter(String name, String help, Tags tags, T source, ToDoubleFunction<T> value) {
        sources.add(source); // a function counter holds its source weakly: a lambda alone would be collected, then read NaN
        FunctionCounter.builder(name, source, value).description(help).tags(tags).register(registry);
    }

    /** A gauge read from {@code value} at scrape time. */
    public void gauge(String name, String help, Tags tags, Supplier<Number> value) {
        Gauge.builder(name, value).description(help).tags(tags).strongReference(true).register(registry);
    }

    /** Stops serving {@code meter} (a series whose label value is gone for good). */
    public void remove(Meter meter) {
        registry.remove(meter);
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("cannot close metrics binder {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        registry.close();
    }

    private static Properties build() {
        Properties p = new Properties();
        try (InputStream in = ServiceMetrics.class.getResourceAsStream(BUILD_RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (Exception e) {
            log.warn("cannot read {}: {}; logdoctor_build_info says unknown", BUILD_RESOURCE, e.toString());
        }
        return p;
    }

    // An unfiltered placeholder (a build that skipped the resources phase) is no value.
    private static String value(Properties build, String key) {
        String v = build.getProperty(key, "");
        return v.isBlank() || v.startsWith("${") ? "unknown" : v;
    }
}
