package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;
import io.logdoctor.records.Topic;
import io.logdoctor.records.TopicCreator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which Slack message (channel and ts) each alert was posted as, so its resolve updates that message
 * after any restart, on whichever instance then owns the alert's partition. It lives on a compacted
 * topic keyed by {@code destination/alert id} (a tombstone once resolved), never on local disk: a
 * notifier pod keeps no state. An entry is written, and acknowledged by the broker, before the delivery
 * leaves its queue and so before the offset that covers it is committed: a restart that reads the firing
 * again finds the entry and does not post twice. Lookups first read the topic to its end, since
 * another instance may have written the entry before this one took the partition over.
 * Used by one destination's delivery thread only.
 */
final class SlackMessageStore implements AutoCloseable {

    static final String TOPIC = "logdoctor.notifier.slack-messages";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    /** Where a message was posted, and the firstSeen of the firing it was posted for (one episode of the alert). */
    record Posted(String channel, String ts, String firstSeen) {
    }

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> reader;
    private final Map<String, Posted> posted = new HashMap<>();

    SlackMessageStore(String bootstrapServers, Map<String, String> kafka) {
        createTopic(bootstrapServers, kafka);
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "logdoctor-notifier-slack-messages");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // No group: this reader assigns and reads everything, every time.
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "logdoctor-notifier-slack-messages-reader");
        reader = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        reader.assign(List.of(PARTITION));
        reader.seekToBeginning(List.of(PARTITION));
    }

    /** The message {@code key} was posted as, if any, after reading what every instance has written. */
    Optional<Posted> get(String key) {
        catchUp();
        return Optional.ofNullable(posted.get(key));
    }

    /** Records the message, waiting for the broker's acknowledgement. */
    void put(String key, Posted message) {
        write(key, Json.MAPPER.createObjectNode().put("channel", message.channel()).put("ts", message.ts())
                .put("firstSeen", message.firstSeen()).toString());
        posted.put(key, message);
    }

    /** Forgets the message (its alert resolved), waiting for the broker's acknowledgement. */
    void remove(String key) {
        write(key, null);
        posted.remove(key);
    }

    private void write(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, 0, key, value)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording a Slack message", e);
        } catch (ExecutionException | TimeoutException e) {
            // Not recorded: the delivery fails and stays uncommitted, so it is tried again.
            throw new IllegalStateException("could not record a Slack message on " + TOPIC + ": " + e.getMessage(), e);
        }
    }

    private void catchUp() {
        long end = reader.endOffsets(List.of(PARTITION), TIMEOUT).get(PARTITION);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (reader.position(PARTITION, TIMEOUT) < end) {
            for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(100))) {
                if (r.value() == null) {
                    posted.remove(r.key());
                } else {
                    posted.put(r.key(), parse(r.value()));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + TOPIC + " to offset " + end + " within " + TIMEOUT);
            }
        }
    }

    private static Posted parse(String value) {
        try {
            JsonNode n = Json.MAPPER.readTree(value);
            return new Posted(n.path("channel").asText(), n.path("ts").asText(), n.path("firstSeen").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createTopic(String bootstrapServers, Map<String, String> kafka) {
        Map<String, Object> a = new HashMap<>(kafka);
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(a)) {
            // One partition: every instance reads it all, and it holds one small entry per firing alert.
            new TopicCreator(admin).createAll(List.of(new Topic<>(TOPIC, Serdes.String(), Serdes.String(),
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))), 1, (short) -1, TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + TOPIC, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        reader.close(Duration.ofSeconds(5));
    }
}
