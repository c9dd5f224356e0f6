package io.logdoctor.notifier;

import io.logdoctor.records.KafkaReachability;
import io.logdoctor.records.ServiceMetrics;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Consumes {@code incidents} (or {@code diagnoses}, see {@link NotifierConfig.Source}) and delivers each state change to the routed Slack and PagerDuty destinations. */
public final class Notifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Deliveries waiting per destination before reading pauses: a failing destination lets the others get this many more. */
    static final int DEFAULT_QUEUE_CAPACITY = 1000;

    private final KafkaConsumer<String, Diagnosis> consumer;
    private final DiagnosisLoop loop;
    private final Thread thread;
    private final NotifierMetrics metrics;
    private final KafkaReachability kafka;
    private final List<DestinationQueue> queues;

    private Notifier(KafkaConsumer<String, Diagnosis> consumer, DiagnosisLoop loop, NotifierMetrics metrics, List<DestinationQueue> queues,
                     KafkaReachability kafka) {
        this.kafka = kafka;
        this.metrics = metrics;
        this.consumer = consumer;
        this.loop = loop;
        this.queues = queues;
        this.thread = new Thread(loop, "logdoctor-notifier");
    }

    /** Starts consuming on a thread of its own, and one delivery thread per destination; {@link #close()} stops them. */
    public static Notifier start(NotifierConfig config) {
        return start(config, DEFAULT_QUEUE_CAPACITY);
    }

    /** Like {@link #start(NotifierConfig)} with at most {@code queueCapacity} deliveries waiting per destination. */
    static Notifier start(NotifierConfig config, int queueCapacity) {
        if (config.bootstrapServers() == null || config.bootstrapServers().isBlank()) {
            throw new IllegalArgumentException("notifier: no Kafka bootstrap servers");
        }
        if (config.groupInstanceId() != null && "consumer".equalsIgnoreCase(config.kafka().get(ConsumerConfig.GROUP_PROTOCOL_CONFIG))) {
            // Measured in NotifierKillIT: the restarted member is refused (UNRELEASED_INSTANCE_ID) until the session expires.
            log.warn("group.protocol=consumer with the static member id {}: after a kill -9 the restarted notifier cannot join "
                    + "until the old member's session expires; the classic protocol takes the partitions back at once", config.groupInstanceId());
        }
        Deserializer<Diagnosis> values = config.source() == NotifierConfig.Source.INCIDENTS ? IncidentView.deserializer()
                : Topics.DIAGNOSES.valueSerde().deserializer();
        KafkaConsumer<String, Diagnosis> consumer = new KafkaConsumer<>(consumerConfig(config), new StringDeserializer(), values);
        Random random = new SecureRandom();
        NotifierMetrics metrics = new NotifierMetrics(ServiceMetrics.create());
        metrics.registry().bindKafka("consumer", consumer);
        HttpPoster poster = new HttpPoster(config.httpTimeout());
        PartitionEpochs epochs = new PartitionEpochs();
        Map<Destination, DestinationQueue> queues = new LinkedHashMap<>();
        for (Route route : config.routes()) {
            for (Destination destination : route.to()) {
                DestinationHealth health = new DestinationHealth(config.retry().stuckAfterAttempts(), Clock.systemUTC());
                queues.computeIfAbsent(destination, dest -> new DestinationQueue(dest, queueCapacity,
                        sleeper -> new Deliverer(poster, new Retrier(config.retry(), sleeper, Clock.systemUTC(), random::nextDouble), metrics, health),
                        health, epochs));
            }
        }
        // Before any delivery thread starts: a kind that keeps state on Kafka connects here.
        queues.keySet().forEach(d -> d.open(config.bootstrapServers(), config.kafka()));
        DiagnosisLoop loop = new DiagnosisLoop(consumer, config.source().topic(),
                new MemoryRebuilder(config.bootstrapServers(), config.kafka(), values), new Router(config.routes()), queues, epochs);
        Notifier notifier = new Notifier(consumer, loop, metrics, List.copyOf(queues.values()),
                KafkaReachability.start("notifier", config.bootstrapServers(), config.kafka()));
        metrics.bind(notifier::isRunning, loop::blocked, notifier.queues);
        notifier.queues.forEach(DestinationQueue::start);
        notifier.thread.start();
        log.info("notifier started on {}: group {} ({}), {} routes, {} destinations", config.source().topic(), config.groupId(),
                config.groupInstanceId() == null ? "dynamic member: after a kill, its partitions wait for its session to time out"
                        : "static member " + config.groupInstanceId(), config.routes().size(), queues.size());
        return notifier;
    }

    static Map<String, Object> consumerConfig(NotifierConfig config) {
        Map<String, Object> c = new HashMap<>(config.kafka());
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        if (config.groupInstanceId() != null) {
            c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.groupInstanceId());
        }
        // Set after the pass-through: these three are the delivery guarantee, not tuning.
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Each record may wait on HTTP; small batches keep a rebalance from re-reading much.
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20");
        return c;
    }

    /** Prometheus text: deliveries by destination kind and result, each destination's queue and health, and whether the loop runs. */
    public String metrics() {
        return metrics.render();
    }

    /** The registry its {@code /metrics} serves (with the JVM, process and Kafka consumer metrics). */
    public ServiceMetrics metricsRegistry() {
        return metrics.registry();
    }

    /**
     * Ready while the loop runs, Kafka answers and it can make progress: not when reading is blocked by a full queue,
     * nor when every destination is failing. One failing destination among healthy ones is reported
     * in {@link #readinessDetail()} and the metrics, not here: the others still deliver.
     */
    public boolean isReady() {
        return isRunning() && kafka.problem() == null && !loop.blocked() && !queues.stream().allMatch(q -> q.health().failing());
    }

    /** One line per destination: its queue and its health ("ok", or how long and why it has been failing). */
    public String readinessDetail() {
        StringBuilder out = new StringBuilder(isReady() ? "ready\n" : "not ready\n");
        String unreachable = kafka.problem();
        if (unreachable != null) {
            out.append(unreachable).append('\n');
        }
        if (loop.blocked()) {
            out.append("reading paused: a destination's queue is full\n");
        }
        for (DestinationQueue q : queues) {
            out.append(q.destination()).append(": ").append(q.size()).append(" queued, ").append(q.health().describe()).append('\n');
        }
        return out.toString();
    }

    /** True while the consumer thread runs. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Stops after the attempts in flight; an undelivered record stays uncommitted and is delivered after the next start. */
    @Override
    public void close() {
        // The delivery threads first, so the loop's last commit sees what they finished.
        queues.forEach(DestinationQueue::stop);
        for (DestinationQueue q : queues) {
            try {
                q.join(CLOSE_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        queues.forEach(q -> q.destination().close());
        loop.stop();
        consumer.wakeup();
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("notifier thread did not stop within {}", CLOSE_TIMEOUT);
        }
        kafka.close();
        metrics.registry().close();
    }
}
