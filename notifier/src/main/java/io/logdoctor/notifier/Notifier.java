package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Consumes {@code diagnoses} and delivers each state change to the routed Slack and PagerDuty destinations. */
public final class Notifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, Diagnosis> consumer;
    private final DiagnosisLoop loop;
    private final Thread thread;
    private final NotifierMetrics metrics;

    private Notifier(KafkaConsumer<String, Diagnosis> consumer, DiagnosisLoop loop, NotifierMetrics metrics) {
        this.metrics = metrics;
        this.consumer = consumer;
        this.loop = loop;
        this.thread = new Thread(loop, "logdoctor-notifier");
    }

    /** Starts consuming on a thread of its own; {@link #close()} stops it. */
    public static Notifier start(NotifierConfig config) {
        if (config.bootstrapServers() == null || config.bootstrapServers().isBlank()) {
            throw new IllegalArgumentException("notifier: no Kafka bootstrap servers");
        }
        KafkaConsumer<String, Diagnosis> consumer = new KafkaConsumer<>(consumerConfig(config),
                new StringDeserializer(), Topics.DIAGNOSES.valueSerde().deserializer());
        Random random = new SecureRandom();
        Retrier.Factory retriers = sleeper -> new Retrier(config.retry(), sleeper, Clock.systemUTC(), random::nextDouble);
        NotifierMetrics metrics = new NotifierMetrics();
        DiagnosisLoop loop = new DiagnosisLoop(consumer, new MemoryRebuilder(config.bootstrapServers(), config.kafka()),
                new Router(config.routes()), new HttpPoster(config.httpTimeout()), retriers, metrics);
        Notifier notifier = new Notifier(consumer, loop, metrics);
        notifier.thread.start();
        log.info("notifier started: group {}, {} routes", config.groupId(), config.routes().size());
        return notifier;
    }

    static Map<String, Object> consumerConfig(NotifierConfig config) {
        Map<String, Object> c = new HashMap<>(config.kafka());
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        // Set after the pass-through: these three are the delivery guarantee, not tuning.
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Each record may wait on HTTP; small batches keep a rebalance from re-reading much.
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20");
        return c;
    }

    /** Prometheus text: deliveries by destination kind and result, and whether the loop runs. */
    public String metrics() {
        return metrics.render(isRunning());
    }

    /** True while the consumer thread runs. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Stops after the attempt in flight; an undelivered record stays uncommitted and is delivered after the next start. */
    @Override
    public void close() {
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
    }
}
