package io.logdoctor.cli;

import io.logdoctor.records.Topics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code logdoctor tail diagnoses|dlq}: a running cluster's diagnoses or dead letters, readable or as
 * JSON lines, without kcat. Reads every partition without a consumer group (nothing is committed, so it
 * never moves anyone's offsets), committed records only.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print the records of the diagnoses topic or of logs.dlq as they arrive (Ctrl-C stops); readable, or JSON lines with --json.")
final class TailCommand implements Callable<Integer> {

    enum Source { diagnoses, dlq }

    @Mixin
    KafkaOptions kafka;

    @Parameters(paramLabel = "TOPIC", description = "diagnoses, or dlq (logs.dlq).")
    Source source;

    @Option(names = "--from-beginning", description = "Start at the oldest record kept instead of the newest.")
    boolean fromBeginning;

    @Option(names = "--json", description = "One JSON object per record: the diagnosis as the topic holds it; for the DLQ "
            + "{\"key\",\"reason\",\"headers\",\"value\"}.")
    boolean json;

    @Option(names = "--exit-at-end", description = "Stop at the end of the topic instead of waiting for more (for scripts).")
    boolean exitAtEnd;

    @Override
    public Integer call() throws Exception {
        Settings settings = kafka.settings();
        String topic = source == Source.diagnoses ? Topics.DIAGNOSES.name() : Topics.LOGS_DLQ.name();
        Map<String, Object> config = new HashMap<>(settings.kafkaProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(settings));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // never a record of an aborted transaction
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        TailPrinter printer = new TailPrinter(out, json);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            System.err.println("logdoctor tail: " + topic + " on " + kafka.bootstrapServers(settings) + " from the "
                    + (fromBeginning ? "beginning" : "end") + (exitAtEnd ? "" : "; Ctrl-C stops"));
            Thread main = Thread.currentThread();
            Thread stop = new Thread(() -> { // Ctrl-C: end the poll, let the loop close the consumer
                consumer.wakeup();
                try {
                    main.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(stop);
            try {
                while (!exitAtEnd || partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        if (source == Source.diagnoses) {
                            printer.diagnosis(r);
                        } else {
                            printer.deadLetter(r);
                        }
                    }
                }
            } catch (WakeupException stopped) {
                return 0; // Ctrl-C: what was read is printed
            }
            Runtime.getRuntime().removeShutdownHook(stop); // --exit-at-end: done, nothing to stop at exit
        }
        return 0;
    }
}
