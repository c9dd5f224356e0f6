package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Incident;
import io.logdoctor.records.TopicCreator;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** The {@code diagnoses} topic of the embedded broker as the notifier ITs use it: write diagnoses, read a group's commits. */
final class DiagnosesTopic {

    private final String bootstrap;

    private DiagnosesTopic(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Creates the topic (3 partitions) if it is not there yet. */
    static DiagnosesTopic on(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicCreator(admin).createAll(List.of(Topics.DIAGNOSES, Topics.INCIDENTS), 3, (short) 1, Duration.ofSeconds(60));
        }
        return new DiagnosesTopic(bootstrap);
    }

    String bootstrap() {
        return bootstrap;
    }

    RecordMetadata produce(Diagnosis d) throws Exception {
        try (KafkaProducer<String, Diagnosis> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Topics.DIAGNOSES.keySerde().serializer(), Topics.DIAGNOSES.valueSerde().serializer())) {
            return producer.send(new ProducerRecord<>(Topics.DIAGNOSES.name(), d.id(), d)).get();
        }
    }

    /** One firing incident of one member under {@code signature}, as the streams app writes it to {@code incidents}. */
    RecordMetadata produceIncident(String id, String signature) throws Exception {
        Diagnosis d = signature(Diagnoses.firing("d-" + id.substring(2)), signature);
        Incident incident = new Incident(Incident.SCHEMA_VERSION, id, signature, d.title(), d.severity(), Diagnosis.FIRING,
                Map.of("cluster", d.scope().cluster(), "namespace", d.scope().namespace()), d.firstSeen(), d.lastSeen(), d.count(), 1, 1,
                List.of(new Incident.Member(d.id(), Diagnosis.FIRING, d.scope(), null, d.firstSeen(), d.lastSeen(), d.count(),
                        null, null, null)),
                d.evidence(), d.cause(), d.remediation(), d.references(), List.of(), List.of(), false, false, d.lastSeen());
        try (KafkaProducer<String, Incident> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Topics.INCIDENTS.keySerde().serializer(), Topics.INCIDENTS.valueSerde().serializer())) {
            return producer.send(new ProducerRecord<>(Topics.INCIDENTS.name(), id, incident)).get();
        }
    }

    static TopicPartition partition(RecordMetadata m) {
        return new TopicPartition(m.topic(), m.partition());
    }

    /** The group's commit on {@code tp}, or null. */
    OffsetAndMetadata committed(String group, TopicPartition tp) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp);
        } catch (Exception e) {
            return null;
        }
    }

    /** The group's committed offset on {@code tp}, or -1. */
    long committedOffset(String group, TopicPartition tp) {
        OffsetAndMetadata o = committed(group, tp);
        return o == null ? -1 : o.offset();
    }

    static Diagnosis signature(Diagnosis d, String signature) {
        return new Diagnosis(d.schemaVersion(), d.id(), signature, d.title(), d.severity(), d.status(), d.scope(), d.firstSeen(),
                d.lastSeen(), d.count(), d.evidence(), d.cause(), d.remediation(), d.references(), d.refinedBy());
    }

    /** Polls {@code condition} until true, failing with {@code what} and {@code state} after {@code deadline}. */
    static void await(BooleanSupplier condition, Duration deadline, String what, Supplier<String> state) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("not within " + deadline + ": " + what + "; " + state.get());
            }
            Thread.sleep(50);
        }
    }
}
