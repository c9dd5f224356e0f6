import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.*;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measuring side of benchmarks/e2e/pipeline.sh. Once a second it samples: the writer's progress
 * file, the shipper's committed lines (logdoctor_shipper_lines_shipped_total), the end offsets of
 * logs.raw as a read_committed consumer sees them (the last stable offset; it includes one
 * transaction marker per partition per shipper commit), the streams app's
 * logdoctor_records_in_total, and utime+stime and VmRSS of each process from /proc. A second thread
 * reads the diagnoses topic (read_committed) and takes, for each record, the time it arrived minus its
 * lastSeen (the CRI timestamp of the line that made it). At the end it prints the rates, the latency
 * percentiles and the CPU and memory of each process over the window [warm-up, warm-up + measure).
 *
 * usage: java -cp <logdoctor classpath> Probe.java --bootstrap H:P --shipper-metrics URL --streams-metrics URL
 *        --writer-progress FILE --pids name=pid,... --warmup S --measure S [--drain S] [--ready FILE]
 */
public final class Probe {
    record Sample(double t, long written, long shipped, long rawEnd, long commits, long recordsIn, Map<String, Double> cpu, Map<String, Long> rssKb) {}
    record Latency(double t, String signature, double millis) {}

    static final Pattern LAST_SEEN = Pattern.compile("\"lastSeen\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern SIGNATURE = Pattern.compile("\"signature\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]+)\"");
    static final long CLK_TCK = 100;

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        String bootstrap = a.get("bootstrap");
        double warmup = Double.parseDouble(a.getOrDefault("warmup", "20"));
        double measure = Double.parseDouble(a.getOrDefault("measure", "60"));
        double drain = Double.parseDouble(a.getOrDefault("drain", "15"));
        Map<String, Integer> pids = new LinkedHashMap<>();
        for (String p : a.getOrDefault("pids", "").split(",")) {
            if (p.contains("=")) pids.put(p.substring(0, p.indexOf('=')), Integer.parseInt(p.substring(p.indexOf('=') + 1)));
        }
        pids.put("probe", (int) ProcessHandle.current().pid());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Path progress = Path.of(a.get("writer-progress"));

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> offsets = new KafkaConsumer<>(props);
        List<TopicPartition> raw = partitions(offsets, "logs.raw");

        ConcurrentLinkedQueue<Latency> latencies = new ConcurrentLinkedQueue<>();
        long t0 = System.nanoTime();
        if (a.containsKey("ready")) Files.writeString(Path.of(a.get("ready")), "go\n");
        Thread reader = new Thread(() -> readDiagnoses(props, latencies, t0), "diagnoses-reader");
        reader.setDaemon(true);
        reader.start();

        List<Sample> samples = new ArrayList<>();
        double total = warmup + measure + drain;
        System.out.println("     t  written/s  shipped/s  logs.raw/s  topology/s    backlog(ship) backlog(topo)  " + String.join(" ", pids.keySet().stream().map(n -> String.format("%9s%%", n)).toList()));
        Sample prev = null;
        for (int tick = 0; ; tick++) {
            long due = t0 + (long) (tick * 1e9);
            long sleep = due - System.nanoTime();
            if (sleep > 0) Thread.sleep(sleep / 1_000_000);
            double t = (System.nanoTime() - t0) / 1e9;
            long written = 0;
            try { written = Long.parseLong(Files.readString(progress).trim().split(" ")[0]); } catch (Exception ignored) { }
            Map<String, Double> ship = metrics(http, a.get("shipper-metrics"));
            Map<String, Double> topo = metrics(http, a.get("streams-metrics"));
            long rawEnd = offsets.endOffsets(raw).values().stream().mapToLong(Long::longValue).sum();
            Map<String, Double> cpu = new LinkedHashMap<>();
            Map<String, Long> rss = new LinkedHashMap<>();
            for (var e : pids.entrySet()) {
                cpu.put(e.getKey(), cpuSeconds(e.getValue()));
                rss.put(e.getKey(), rssKb(e.getValue()));
            }
            Sample s = new Sample(t, written, ship.getOrDefault("logdoctor_shipper_lines_shipped_total", 0.0).longValue(), rawEnd,
                    ship.getOrDefault("logdoctor_shipper_commits_total", 0.0).longValue(), topo.getOrDefault("logdoctor_records_in_total", 0.0).longValue(), cpu, rss);
            samples.add(s);
            if (prev != null) {
                double dt = s.t - prev.t;
                StringBuilder line = new StringBuilder(String.format("%6.0f %10.0f %10.0f %11.0f %11.0f %16d %13d  ", t, (s.written - prev.written) / dt,
                        (s.shipped - prev.shipped) / dt, (s.rawEnd - prev.rawEnd) / dt, (s.recordsIn - prev.recordsIn) / dt,
                        s.written - s.shipped, s.shipped - s.recordsIn));
                for (String n : pids.keySet()) line.append(String.format("%10.0f ", 100 * (s.cpu.get(n) - prev.cpu.get(n)) / dt));
                System.out.println(line.toString().stripTrailing() + (t < warmup ? "   (warm-up)" : t >= warmup + measure ? "   (drain)" : ""));
            }
            prev = s;
            // after the window, stop once everything written has gone through (or the drain time is up)
            if (t >= warmup + measure && (t >= total || (s.written > 0 && s.shipped >= s.written && s.recordsIn >= s.shipped))) break;
        }
        offsets.close();
        summary(samples, new ArrayList<>(latencies), warmup, measure, pids.keySet());
        System.exit(0);
    }

    static void summary(List<Sample> samples, List<Latency> lat, double warmup, double measure, Set<String> names) {
        Sample from = nearest(samples, warmup), to = nearest(samples, warmup + measure), last = samples.get(samples.size() - 1);
        double dt = to.t - from.t;
        System.out.printf("%nwindow: %.1f s to %.1f s (%.1f s; the first %.0f s are warm-up)%n", from.t, to.t, dt, warmup);
        System.out.printf("written by the writer       %,10.0f lines/s%n", (to.written - from.written) / dt);
        System.out.printf("committed by the shipper    %,10.0f lines/s   (logdoctor_shipper_lines_shipped_total)%n", (to.shipped - from.shipped) / dt);
        long markers = 0;
        System.out.printf("logs.raw end offsets        %,10.0f /s        (records + transaction markers; %,.1f shipper commits/s)%n",
                (to.rawEnd - from.rawEnd) / dt, (to.commits - from.commits) / dt);
        System.out.printf("through the topology        %,10.0f lines/s   (logdoctor_records_in_total)%n", (to.recordsIn - from.recordsIn) / dt);
        System.out.printf("backlog at the window's end: %,d lines not yet shipped, %,d shipped but not yet read by the topology%n",
                to.written - to.shipped, to.shipped - to.recordsIn);
        System.out.printf("after the drain (%.0f s): written %,d, shipped %,d, through the topology %,d%n", last.t, last.written, last.shipped, last.recordsIn);

        List<Latency> in = lat.stream().filter(l -> l.t >= from.t && l.t < to.t).toList();
        Map<String, List<Double>> bySig = new TreeMap<>();
        for (Latency l : in) bySig.computeIfAbsent(l.signature, k -> new ArrayList<>()).add(l.millis);
        List<Double> all = in.stream().map(Latency::millis).toList();
        System.out.printf("%nlatency, failure line written -> its diagnosis read from the diagnoses topic (read_committed), ms:%n");
        System.out.printf("  %-36s %7s %8s %8s %8s %8s%n", "signature", "n", "p50", "p90", "p99", "max");
        for (var e : bySig.entrySet()) printLatency(e.getKey(), e.getValue());
        if (bySig.size() > 1) printLatency("(all)", all);
        if (all.isEmpty()) System.out.println("  (no diagnosis in the window)");

        System.out.printf("%nprocess     CPU-s in window  cores used  CPU-s per 1M lines   RSS at end  peak RSS (sampled)%n");
        long lines = to.shipped - from.shipped;
        for (String n : names) {
            double cpu = to.cpu.get(n) - from.cpu.get(n);
            long peak = samples.stream().mapToLong(s -> s.rssKb.getOrDefault(n, 0L)).max().orElse(0);
            System.out.printf("%-10s %16.1f %11.2f %19.1f %9d MB %10d MB%n", n, cpu, cpu / dt, lines > 0 ? cpu / lines * 1e6 : Double.NaN,
                    to.rssKb.get(n) / 1024, peak / 1024);
        }
        double sum = names.stream().mapToDouble(n -> to.cpu.get(n) - from.cpu.get(n)).sum();
        System.out.printf("%-10s %16.1f %11.2f %19.1f%n", "(all)", sum, sum / dt, lines > 0 ? sum / lines * 1e6 : Double.NaN);
    }

    static void printLatency(String name, List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("  %-36s %7d %8.0f %8.0f %8.0f %8.0f%n", name, s.length, pct(s, 50), pct(s, 90), pct(s, 99), s[s.length - 1]);
    }

    static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static Sample nearest(List<Sample> samples, double t) {
        return samples.stream().min(Comparator.comparingDouble(s -> Math.abs(s.t - t))).orElseThrow();
    }

    static void readDiagnoses(Properties base, ConcurrentLinkedQueue<Latency> out, long t0) {
        Properties props = new Properties();
        props.putAll(base);
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props)) {
            List<TopicPartition> tps = partitions(c, "diagnoses");
            c.assign(tps);
            c.seekToEnd(tps);
            tps.forEach(c::position);
            while (true) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    Instant now = Instant.now();
                    if (r.value() == null) continue;
                    Matcher ls = LAST_SEEN.matcher(r.value()), sig = SIGNATURE.matcher(r.value()), st = STATUS.matcher(r.value());
                    if (!ls.find() || !sig.find() || (st.find() && !st.group(1).equals("firing"))) continue;
                    Instant seen = Instant.parse(ls.group(1));
                    double ms = (now.getEpochSecond() - seen.getEpochSecond()) * 1e3 + (now.getNano() - seen.getNano()) / 1e6;
                    out.add(new Latency((System.nanoTime() - t0) / 1e9, sig.group(1), ms));
                }
            }
        } catch (Exception e) {
            System.err.println("probe: diagnoses reader stopped: " + e);
        }
    }

    static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    static Map<String, Double> metrics(HttpClient http, String url) {
        Map<String, Double> m = new HashMap<>();
        if (url == null) return m;
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (line.startsWith("#") || line.isBlank()) continue;
                int sp = line.lastIndexOf(' ');
                String name = line.substring(0, sp);
                int brace = name.indexOf('{');
                if (brace >= 0) name = name.substring(0, brace);
                try { m.merge(name, Double.parseDouble(line.substring(sp + 1)), Double::sum); } catch (NumberFormatException ignored) { }
            }
        } catch (Exception ignored) { }
        return m;
    }

    /** utime + stime of the whole process (all threads), seconds; NaN once it is gone. */
    static double cpuSeconds(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLK_TCK;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    static long rssKb(int pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        } catch (Exception ignored) { }
        return 0;
    }
}
