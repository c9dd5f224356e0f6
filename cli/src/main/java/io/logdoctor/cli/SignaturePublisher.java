package io.logdoctor.cli;

import io.logdoctor.patterns.Signature;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/** Writes a catalogue's files to the signatures topic: key = signature id or grok/<file>, value = the text. */
final class SignaturePublisher {

    private SignaturePublisher() {
    }

    /** Publishes every signature and grok file of {@code dir}; returns how many. Waits for every acknowledgement. */
    static int publish(String bootstrap, Map<String, String> kafkaProperties, Path dir, SignatureCatalog catalog) throws Exception {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        Path grok = dir.resolve("grok");
        if (Files.isDirectory(grok)) {
            try (Stream<Path> files = Files.list(grok)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".grok")).sorted().toList()) {
                    records.add(record("grok/" + f.getFileName(), Files.readString(f, StandardCharsets.UTF_8)));
                }
            }
        }
        for (Signature s : catalog.signatures()) {
            records.add(record(s.id(), Files.readString(dir.resolve(s.file()), StandardCharsets.UTF_8)));
        }
        send(bootstrap, kafkaProperties, records);
        return records.size();
    }

    static void delete(String bootstrap, Map<String, String> kafkaProperties, String id) throws Exception {
        send(bootstrap, kafkaProperties, List.of(record(id, null)));
    }

    private static ProducerRecord<String, String> record(String key, String value) {
        return new ProducerRecord<>(Topics.SIGNATURES.name(), key, value);
    }

    private static void send(String bootstrap, Map<String, String> kafkaProperties, List<ProducerRecord<String, String>> records)
            throws Exception {
        Map<String, Object> config = new HashMap<>(kafkaProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config,
                Topics.SIGNATURES.keySerde().serializer(), Topics.SIGNATURES.valueSerde().serializer())) {
            List<Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<String, String> r : records) {
                acks.add(producer.send(r));
            }
            for (Future<?> ack : acks) {
                ack.get(); // a failed send is an error, never ignored
            }
        }
    }
}
