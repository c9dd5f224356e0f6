import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One contender of benchmarks/e2e/vs-rsyslog.sh: creates its topic (and waits until every partition
 * answers listOffsets, notes/embedded-kafka.md §6; a shipper makes logs.raw itself), starts the command, and every 50 ms reads how many
 * lines have arrived (the topic's end offsets, or a shipper's committed-lines counter with --metrics,
 * since exactly-once adds transaction markers to the offsets) and the CPU time of the command and of
 * the broker from /proc. Once --lines have arrived it stops the command (SIGTERM) and prints one line
 * of key=value figures.
 *
 * usage: java -cp <logdoctor classpath> Race.java --name NAME --bootstrap H:P --topic T --lines N
 *        [--metrics URL] [--broker-pid PID] [--timeout S] [--stdin FILE] [--log FILE] [--exits yes] -- COMMAND ARGS...
 * A command that exits by itself (kcat) is run under bash's `time`, whose "cpu U S" line gives its CPU.
 */
public final class Race {
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) { command.addAll(Arrays.asList(args).subList(i + 1, args.length)); break; }
            a.put(args[i].replaceFirst("^--", ""), args[++i]);
        }
        String bootstrap = a.get("bootstrap"), topic = a.get("topic");
        long lines = Long.parseLong(a.get("lines"));
        double timeout = Double.parseDouble(a.getOrDefault("timeout", "300"));
        int brokerPid = Integer.parseInt(a.getOrDefault("broker-pid", "-1"));

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<TopicPartition> tps = new ArrayList<>();
        String metrics = a.get("metrics");
        if (metrics == null) try (Admin admin = Admin.create(props)) {
            if (!topic.equals("logs.raw")) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
            for (int p = 0; p < 3; p++) tps.add(new TopicPartition(topic, p));
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            tps.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (true) {
                try { admin.listOffsets(latest).all().get(); break; }
                catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) throw e;
                    Thread.sleep(20);
                }
            }
        }
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
        HttpClient http = HttpClient.newHttpClient();
        long base = metrics == null ? sum(consumer.endOffsets(tps)) : 0;

        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(a.getOrDefault("log", "/dev/null"))));
        if (a.containsKey("stdin")) pb.redirectInput(new File(a.get("stdin")));
        long t0 = System.nanoTime();
        Process proc = pb.start();
        int pid = (int) proc.pid();
        double brokerCpu0 = cpu(brokerPid);
        double[] at = new double[3], cpuAt = new double[3], brokerAt = new double[3];
        long[] marks = {lines / 10, lines * 9 / 10, lines};
        Arrays.fill(at, Double.NaN);
        double lastCpu = 0, tFirst = Double.NaN;
        long count = 0;
        while (true) {
            double t = (System.nanoTime() - t0) / 1e9;
            double c = cpu(pid);
            if (!Double.isNaN(c)) lastCpu = c;
            double b = cpu(brokerPid);
            count = metrics == null ? sum(consumer.endOffsets(tps)) - base : shipped(http, metrics);
            if (count > 0 && Double.isNaN(tFirst)) tFirst = t;
            for (int m = 0; m < 3; m++) {
                if (Double.isNaN(at[m]) && count >= marks[m]) { at[m] = t; cpuAt[m] = lastCpu; brokerAt[m] = b; }
            }
            if (!Double.isNaN(at[2]) || t > timeout) break;
            if (!proc.isAlive() && metrics == null) {
                // kcat: wait the last acks out, then the topic must hold everything
                proc.waitFor();
            }
            Thread.sleep(50);
        }
        if (a.containsKey("exits")) proc.waitFor(60, TimeUnit.SECONDS);   // kcat ends by itself: let it (and bash's time) finish
        if (proc.isAlive()) {
            proc.destroy();
            if (!proc.waitFor(15, TimeUnit.SECONDS)) proc.destroyForcibly().waitFor();
        }
        proc.waitFor();
        if (a.containsKey("log")) {
            // command run under bash's time: "cpu <user> <sys>" is the last word on its CPU
            Matcher m = Pattern.compile("^cpu ([0-9.]+) ([0-9.]+)$", Pattern.MULTILINE).matcher(Files.readString(Path.of(a.get("log"))));
            double timed = Double.NaN;
            while (m.find()) timed = Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
            if (!Double.isNaN(timed)) { lastCpu = timed; cpuAt[2] = timed; cpuAt[0] = cpuAt[1] = Double.NaN; }   // only the total is known
        }
        consumer.close();
        boolean done = !Double.isNaN(at[2]);
        double mid = 0.8 * lines;
        System.out.printf(Locale.ROOT, "name=%s done=%s lines=%d wall=%.3f first=%.3f rate=%.0f rate_10_90=%.0f cpu=%.3f cpu_per_m=%.3f "
                        + "cpu_10_90_per_m=%.3f broker_cpu_per_m=%.3f broker_cpu_10_90_per_m=%.3f%n",
                a.get("name"), done, count, at[2], tFirst, lines / at[2], mid / (at[1] - at[0]), cpuAt[2], cpuAt[2] / lines * 1e6,
                (cpuAt[1] - cpuAt[0]) / mid * 1e6, (brokerAt[2] - brokerCpu0) / lines * 1e6, (brokerAt[1] - brokerAt[0]) / mid * 1e6);
        System.exit(done ? 0 : 1);
    }

    static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    static long shipped(HttpClient http, String url) {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("^logdoctor_shipper_lines_shipped_total ([0-9.eE+]+)$", Pattern.MULTILINE).matcher(body);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
        } catch (Exception e) {
            return 0;   // not up yet
        }
    }

    /** utime + stime of a live process (all threads), seconds; NaN when it is gone. */
    static double cpu(int pid) {
        if (pid <= 0) return Double.NaN;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
