import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.TopicCreator;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Pre-fills logs.raw for streams-catchup.sh: creates the pipeline's topics (3 partitions), then produces
 * --records records as the shipper writes them (LogRecord JSON, keyed by stream) from the corpus's lines
 * (.log and .txt files, blank lines left out, cut at 400 chars) over 30 pods, one positive fixture
 * (aws-node's IPAM-D retry) every --failure-every records, and prints how many bytes it wrote.
 * Usage: java -cp CLASSPATH Fill.java --bootstrap HOST:PORT --records N --corpus DIR [--failure-every N]
 */
public class Fill {
    private static final String FAILURE = "{\"level\":\"info\",\"ts\":\"%s\",\"caller\":\"entrypoint.sh\",\"msg\":\"Retrying waiting for IPAM-D\"}";

    public static void main(String[] args) throws Exception {
        String bootstrap = null;
        long records = 2_000_000;
        int failureEvery = 1_000;
        Path corpus = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = args[i + 1];
                case "--records" -> records = Long.parseLong(args[i + 1]);
                case "--failure-every" -> failureEvery = Integer.parseInt(args[i + 1]);
                case "--corpus" -> corpus = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> lines = lines(corpus);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicCreator creator = new TopicCreator(admin);
            creator.createAll(Topics.ALL, 3, (short) 1, Duration.ofSeconds(60));
            creator.awaitReady(List.of(Topics.LOGS_RAW.name()), Duration.ofSeconds(60));
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.ACKS_CONFIG, "all");
        long bytes = 0;
        long start = System.nanoTime();
        Instant t0 = Instant.parse("2026-12-06T00:00:00Z");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (long n = 0; n < records; n++) {
                String ts = t0.plusMillis(n).toString();
                boolean failure = n % failureEvery == failureEvery - 1;
                int pod = (int) (n % 30);
                LogRecord r = failure
                        ? LogRecord.k8s(ts, "bench", "node-1", "kube-system", "aws-node-bench", "aws-node", "stdout",
                        String.format(FAILURE, ts), "/var/log/pods/kube-system_aws-node-bench_u/aws-node/0.log", n, false)
                        : LogRecord.k8s(ts, "bench", "node-" + pod % 3, "payments", "checkout-7d9f8b6c5-p" + pod, "checkout", "stdout",
                        lines.get((int) (n % lines.size())), "/var/log/pods/payments_checkout-7d9f8b6c5-p" + pod + "_u/checkout/0.log",
                        n * 120, false);
                byte[] value = Json.MAPPER.writeValueAsBytes(r);
                bytes += value.length;
                producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), r.streamKey(), value));
            }
            producer.flush();
        }
        System.out.printf("filled logs.raw with %d records, %d bytes of JSON (%.0f bytes each) in %.1f s%n", records, bytes,
                (double) bytes / records, (System.nanoTime() - start) / 1e9);
    }

    private static List<String> lines(Path corpus) throws Exception {
        List<String> lines = new ArrayList<>();
        if (corpus == null || !Files.isDirectory(corpus)) {
            throw new IllegalArgumentException("no corpus at " + corpus + " (--corpus DIR; the team's is ../shared/corpora)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".txt"))
                    .sorted().toList();
        }
        for (Path file : files) {
            List<String> read;
            try {
                read = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                read = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            }
            read.stream().filter(l -> !l.isBlank()).map(l -> l.length() > 400 ? l.substring(0, 400) : l).forEach(lines::add);
        }
        return lines;
    }
}
