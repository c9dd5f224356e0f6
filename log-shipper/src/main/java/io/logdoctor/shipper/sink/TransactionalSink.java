package io.logdoctor.shipper.sink;

import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.shipper.ShipperMetrics;
import io.logdoctor.shipper.files.FileCheckpoint;

import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The exactly-once sink, as Kafka Connect's exactly-once source connectors work: one Kafka transaction
 * per round holds the round's records on {@code logs.raw} and the new checkpoints of the files they came
 * from on the compacted {@code logs.shipper.offsets} topic. Either both become visible to
 * {@code read_committed} readers or neither does, so after a crash the committed checkpoints describe
 * exactly the committed records.
 *
 * <p>The transactional id is one per node ({@code logdoctor-shipper-<cluster>-<node>}): a restarted
 * shipper's {@code initTransactions} aborts whatever the previous instance left open and fences it, so a
 * zombie can never commit after the new one has read the offsets. Being fenced is fatal for this
 * instance. Any other failure aborts the transaction (or, if that fails too, replaces the producer) and
 * the caller reads again from the last committed checkpoints.
 */
public final class TransactionalSink implements LogSink {

    private static final Logger log = LoggerFactory.getLogger(TransactionalSink.class);
    private final ProducerFactory factory;
    private final OffsetsReader reader;
    private final String keyPrefix;
    private final ShipperMetrics metrics;
    private final Runnable awaitTopics;
    private final RecordSender sender;
    private Producer<String, byte[]> producer;
    private boolean inTransaction;
    /** initTransactions succeeded on {@link #producer}; after a timeout it is called again on the same one. */
    private boolean initialized;
    /** commitTransaction timed out: the transaction may commit yet, so only a new producer settles it. */
    private boolean commitPending;
    private Map<String, byte[]> restoredSources = Map.of();
    /** The first read of the checkpoints, begun by {@link #create}; taken by the first {@link #restore}. */
    private OffsetsReader.Pending early;

    TransactionalSink(ProducerFactory factory, OffsetsReader reader, String keyPrefix, ShipperMetrics metrics) {
        this(factory, reader, keyPrefix, metrics, () -> { });
    }

    /** @param awaitTopics returns once the topics exist (checked meanwhile on another thread); throws if they cannot */
    TransactionalSink(ProducerFactory factory, OffsetsReader reader, String keyPrefix, ShipperMetrics metrics,
                      Runnable awaitTopics) {
        this.awaitTopics = awaitTopics;
        this.factory = factory;
        this.reader = reader;
        this.keyPrefix = keyPrefix;
        this.metrics = metrics;
        this.sender = new RecordSender(metrics, "the transaction is aborted");
    }

    /** A sink with a real transactional producer for {@code config}. */
    public static TransactionalSink create(ShipperConfig config, ShipperMetrics metrics, Runnable awaitTopics) {
        Map<String, Object> props = KafkaSink.producerProperties(config);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(config));
        // Long enough that a broker outage of a few minutes does not time the open transaction out (which
        // would fence this producer); a crashed instance's transaction is aborted at once by its successor.
        props.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "300000");
        String prefix = config.cluster() + "/" + config.node() + "/";
        JsonWarmup.start();
        OffsetsReader reader = new OffsetsReader(config, prefix);
        // The checkpoints' read begins now, before this sink and the loop are made (the records' classes and
        // Jackson load meanwhile): at a restart it is the step the first round waits for longest.
        OffsetsReader.Pending early = reader.start(awaitTopics);
        TransactionalSink sink = new TransactionalSink(
                () -> metrics.producer(new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())),
                reader, prefix, metrics, awaitTopics);
        sink.early = early;
        return sink;
    }

    /** One transactional id per node, so a restarted shipper fences the previous one. */
    static String transactionalId(ShipperConfig config) {
        return "logdoctor-shipper-" + config.cluster() + "-" + config.node();
    }

    @Override
    public Map<String, FileCheckpoint> restore() {
        // The offsets are read while initTransactions fences the previous instance and aborts its open
        // transaction, and the topics are checked (a restart's slowest steps side by side); the reader takes
        // its final end offsets only once the fence is up, so whatever that instance committed is read.
        OffsetsReader.Pending pending = early != null ? early : reader.start(awaitTopics);
        early = null;
        try {
            if (producer == null || !initialized) {
                startProducer(); // after a commit of unknown outcome, abort() made it a new one: that settles it
            }
        } catch (RuntimeException e) {
            pending.cancel();
            throw e;
        }
        pending.fenced();
        awaitTopics.run(); // nothing is sent before the topics exist
        warmMetadata();
        OffsetsReader.Offsets offsets = pending.join();
        restoredSources = offsets.sources();
        return offsets.files();
    }

    /** Fetches where logs.raw's partitions are while the offsets are read, not at the first send (one round trip less then). */
    private void warmMetadata() {
        try {
            producer.partitionsFor(sender.topic());
        } catch (KafkaException e) {
            log.debug("cannot fetch the partitions of {} yet: {}", sender.topic(), e.toString()); // the first send asks again
        }
    }

    @Override
    public Map<String, byte[]> restoredSources() {
        return restoredSources;
    }

    /**
     * Writes a CloudWatch log group's checkpoint (or its tombstone) into the open transaction, on the same
     * offsets topic under the same {@code <cluster>/<node>/} prefix as the file checkpoints, so the
     * transactional id stays one per node and the events and the checkpoint that covers them commit together.
     */
    @Override
    public void sendCheckpoint(String key, Object checkpoint) {
        throwIfFailed();
        begin();
        try {
            producer.send(new ProducerRecord<>(Topics.SHIPPER_OFFSETS, keyPrefix + key,
                    checkpoint == null ? null : Json.MAPPER.writeValueAsBytes(checkpoint)));
        } catch (Exception e) {
            sender.failed(e);
            throwIfFailed();
        }
    }

    private void startProducer() {
        long started = System.nanoTime();
        if (producer == null) {
            producer = factory.create();
        }
        try {
            producer.initTransactions();
            initialized = true;
        } catch (TimeoutException e) {
            // Safe to call again on the same producer (KafkaProducer#initTransactions), and the coordinator's
            // work (aborting the previous instance's transaction) goes on meanwhile: the next round retries.
            throw failed("cannot start a transaction yet", e);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            producer = null;
            throw failed("cannot start a transaction", e);
        }
        log.info("producer ready (initTransactions) in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void send(LogRecord record) {
        throwIfFailed();
        begin();
        if (!sender.send(producer, record)) {
            throwIfFailed();
        }
    }

    @Override
    public void commit(Map<String, FileCheckpoint> all, Set<String> changed, Set<String> removed) {
        throwIfFailed();
        if (changed.isEmpty() && removed.isEmpty() && !inTransaction) {
            return;
        }
        begin();
        try {
            String offsets = Topics.SHIPPER_OFFSETS;
            for (String key : changed) {
                producer.send(new ProducerRecord<>(offsets, keyPrefix + key, Json.MAPPER.writeValueAsBytes(all.get(key))));
            }
            for (String key : removed) {
                producer.send(new ProducerRecord<>(offsets, keyPrefix + key, null)); // tombstone: compacted away
            }
        } catch (Exception e) {
            metrics.kafkaErrors.increment();
            throw failed("cannot commit the transaction", e);
        }
        try {
            producer.commitTransaction(); // flushes first, and fails if any send of the transaction failed
            inTransaction = false;
        } catch (TimeoutException | InterruptException e) {
            metrics.kafkaErrors.increment();
            commitPending = true;
            throw new SinkFailedException("the commit timed out; it may have happened all the same: " + e, e, false, true);
        } catch (Exception e) {
            metrics.kafkaErrors.increment();
            throw failed("cannot commit the transaction", e);
        }
        throwIfFailed();
    }

    private void begin() {
        if (producer == null || !initialized) {
            startProducer();
        }
        if (!inTransaction) {
            try {
                producer.beginTransaction();
            } catch (RuntimeException e) {
                throw failed("cannot begin a transaction", e);
            }
            inTransaction = true;
        }
    }

    @Override
    public void abort() {
        sender.clear();
        if (producer == null || !initialized) {
            return; // no transaction began; a producer whose initTransactions timed out is kept and retried
        }
        if (inTransaction && !commitPending) {
            try {
                producer.abortTransaction();
                inTransaction = false;
                return;
            } catch (RuntimeException e) {
                log.warn("cannot abort the transaction ({}); replacing the producer, which aborts it", e.toString());
            }
        }
        // A new producer with the same transactional id aborts the open transaction in initTransactions.
        producer.close(Duration.ZERO);
        producer = null;
        inTransaction = false;
        initialized = false;
        commitPending = false;
    }

    private void throwIfFailed() {
        Exception e = sender.failure();
        if (e != null) {
            throw failed("a send to " + sender.topic() + " failed", e);
        }
    }

    private static SinkFailedException failed(String what, Exception e) {
        Throwable cause = e instanceof KafkaException && e.getCause() instanceof KafkaException ? e.getCause() : e;
        boolean fatal = cause instanceof ProducerFencedException || cause instanceof AuthorizationException
                || cause instanceof AuthenticationException || cause instanceof UnsupportedVersionException
                || cause instanceof InvalidConfigurationException;
        return new SinkFailedException(what + ": " + cause, e, fatal);
    }

    @Override
    public void close() {
        if (early != null) {
            early.cancel(); // never restored: nobody waits for it
        }
        if (producer != null) {
            // An open transaction is not committed: closing aborts nothing itself, the next instance's
            // initTransactions (or the transaction timeout) does.
            producer.close(inTransaction ? Duration.ZERO : KafkaSink.CLOSE_TIMEOUT);
        }
    }
}
